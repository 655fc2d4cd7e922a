/** A word list written as text: one or more words per line. */
const words = (list: string): string[] => list.trim().split(/\s+/);

/**
 * Legal-form tokens (after normalisation, so `S.A.` is `sa`). They say nothing about who a company
 * is, and matching on them is Watchman's "EMMA LLC" false positive, so they are dropped from company names.
 */
export const COMPANY_SUFFIXES: ReadonlySet<string> = new Set(
  words(`
  llc ltd limited inc incorporated co company corp corporation sa sas sarl gmbh ag kg plc bv nv srl
  spa lp llp pte pty jsc ojsc pjsc cjsc ooo oao zao pao cv sae sal fze fzco fzc fzllc cia ltda bhd sdn
  as ab oy kft doo ad tov est establishment
`),
);

/** Words common to many company names; they count for little when comparing. */
export const COMPANY_GENERIC_WORDS: ReadonlySet<string> = new Set(
  words(`
  trading trade group holding holdings international global general industries industrial industry
  services service enterprise enterprises import export commercial investment investments bank
  shipping development management partners solutions import export agency foundation organization
  association
`),
);

/** Articles, prepositions and name particles (`al`, `bin`, `de`, `van`). */
export const PARTICLES: ReadonlySet<string> = new Set(
  words(`
  al el ul bin ibn ben bint de del della der den di da das do dos du la le las los van von y e the of
  and und et
`),
);

/**
 * Honorifics and titles customers put before a person's name ("Dr", "Sheikh", "Haji"). In a
 * person's name they are optional like particles: they weigh little and need no partner.
 */
export const PERSON_TITLES: ReadonlySet<string> = new Set(
  words(`
  mr mrs ms miss mx dr prof sir madam dame lord lady rev fr sheikh shaikh sheik haji hajji hadji
  mullah mulla maulana maulvi sayyid sayed imam emir amir
`),
);

/** Particles written differently for the same word: Arabic `al-` appears as `el-` and `ul-` too. */
export const PARTICLE_EQUIVALENTS: ReadonlyMap<string, readonly string[]> = new Map([
  ['al', ['al', 'el', 'ul']],
  ['el', ['al', 'el', 'ul']],
  ['ul', ['al', 'el', 'ul']],
  ['bin', ['bin', 'ibn', 'ben']],
  ['ibn', ['bin', 'ibn', 'ben']],
  ['ben', ['bin', 'ibn', 'ben']],
]);

/**
 * Given names shared by very many people. Agreement on one of these alone must not make a strong
 * match: Watchman's "George Bush" false positive against "George HABBASH".
 * Compared by transliteration key, so Mohammed, Muhammad and Mohamad are all covered.
 */
export const COMMON_GIVEN_NAMES: readonly string[] = words(`
  george john james william robert michael david richard joseph thomas charles mary maria jose juan
  luis carlos jorge manuel antonio francisco pedro jesus miguel ana mohammed muhammad ahmed ahmad ali
  hassan hussein hussain abdul abdullah abdallah omar ibrahim ismail mustafa youssef yusuf khalid
  mahmoud said saeed ivan sergey aleksandr alexander vladimir andrei dmitry igor peter paul mark anna
  elena olga jan hans abu abd
`);

/**
 * Surnames carried by millions of people around the world. Like common given names they weigh
 * less and cannot carry a fuzzy match on their own: agreeing on "Zhang" says little.
 */
export const COMMON_SURNAMES: readonly string[] = words(`
  zhang wang li liu chen yang huang zhao wu zhou xu sun zhu hu guo lin he gao luo zheng liang
  kim lee park choi jung kang cho yoon jang lim nguyen tran le pham hoang phan vu dang
  smith johnson williams brown jones miller davis wilson taylor moore martin thompson white
  garcia rodriguez martinez lopez gonzalez hernandez perez sanchez ramirez torres flores gomez diaz
  khan singh kumar sharma patel shah
  ivanov smirnov kuznetsov popov petrov
  muller schmidt schneider fischer weber meyer
  silva santos oliveira souza pereira ferreira
`);
