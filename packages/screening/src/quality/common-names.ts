/** A word list written as text: one or more words per line. */
const words = (list: string): string[] => list.trim().split(/\s+/);

/** Frequent given names in Europe and the Americas, for names of people who are on no list. */
export const COMMON_FIRST_NAMES: readonly string[] = words(`
  James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara Richard Susan
  Joseph Jessica Thomas Sarah Charles Karen Christopher Nancy Daniel Lisa Matthew Betty Anthony
  Margaret Mark Sandra Emma Olivia Noah Liam Sophie Lukas Leon Hannah Mia Felix Lena Jonas Marie Paul
  Laura Julia Tobias Anna Chloe Louis Camille Hugo Manon Giulia Francesco Alessandro Chiara Sofia
  Lucia Mateo Valentina Diego Camila Isabella Santiago Martina Jan Piotr Katarzyna Eva Lars Ingrid
  Sven Astrid Niamh Sean Aoife Oliver Amelia Harry Jack Charlotte George
`);

/** Frequent surnames in Europe and the Americas. */
export const COMMON_LAST_NAMES: readonly string[] = words(`
  Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson Martin
  Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Green Baker
  Adams Nelson Mueller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Bernard
  Dubois Durand Lefebvre Moreau Laurent Simon Michel Rossi Russo Ferrari Esposito Bianchi Romano
  Colombo Ricci Bruno Nowak Kowalski Wisniewski Jansen Bakker Visser Smit Nielsen Hansen Johansson
  Andersson Murphy Kelly Walsh OBrien Byrne Ryan Evans Roberts Hughes Edwards Bush
`);

/** Words for invented company names, joined with a legal form. */
export const COMPANY_WORDS: readonly string[] = words(`
  Blue River Alpine Harbor Summit Maple Cedar Nordic Sunrise Falcon Granite Meadow Silver Oak Lakeside
  Pioneer Horizon Crystal Willow Beacon Coastal Evergreen Orchard Prairie Quartz Redwood Sterling
  Thistle Valley Bakery Consulting Logistics Software Textiles Dental Florist Garden Studio
`);

export const COMPANY_FORMS: readonly string[] = [
  'LLC',
  'Ltd',
  'Inc.',
  'GmbH',
  'S.A.',
  'Corp.',
  'Limited',
  'Co.',
];
