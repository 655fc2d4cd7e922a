/** Which kind of list an entry comes from: sanctions, a tenant's own black list, politically exposed persons. */
export type ListType = 'SL' | 'BL' | 'PEP';

/** OFAC's SDN_Type column: `-0-` (empty) there means an entity. */
export type SubjectType = 'individual' | 'entity' | 'vessel' | 'aircraft';

export type TrafficLight = 'RED' | 'YELLOW' | 'GREEN';

/**
 * A birthdate as a list states it, widened to the span of days it can stand for:
 * "04 Jul 1961" is one day, "1961" a whole year, "circa 1961" 1960–1962, "1958 to 1962" five years.
 */
export interface ListBirthdate {
  /** As written in the list, e.g. `04 Jul 1961`, `circa 1961`. */
  text: string;
  /** First possible day, YYYY-MM-DD. */
  from: string;
  /** Last possible day, YYYY-MM-DD. */
  to: string;
  /** True when the list gives one exact day. */
  exact: boolean;
}

export interface ListAlias {
  name: string;
  /** OFAC alt_type: `aka`, `fka` (formerly), `nka` (now known as). */
  kind: string;
}

/** One person, company, vessel or aircraft on a list, with its aliases. */
export interface ListEntry {
  listType: ListType;
  /** The list's own id (OFAC ent_num); unique within one list only. */
  id: string;
  subject: SubjectType;
  /** Primary name as written, e.g. `HEKMATYAR, Gulbuddin`. */
  name: string;
  aliases: ListAlias[];
  birthdates: ListBirthdate[];
  /** Sanctions programmes, e.g. `SDGT`, `IRAN`. */
  programs: string[];
}

export type ScreeningQuery =
  | { kind: 'person'; name: string /** YYYY-MM-DD */; birthdate?: string }
  | { kind: 'company'; name: string };

/**
 * How a query's birthdate compared with an entry's: `unknown` when either side has none,
 * `differs` when it is outside every listed span by a year or less, `contradicts` by more.
 */
export type BirthdateComparison = 'match' | 'differs' | 'contradicts' | 'unknown' | 'not-applicable';

/**
 * How the name matched (see the package README): `exact` same tokens, `reordered` same tokens with
 * surname and given names swapped, `partial` a subset keeping the surname and a given name,
 * `fuzzy` similar enough to review.
 */
export type NameMatchKind = 'exact' | 'reordered' | 'partial' | 'fuzzy';

/** One list entry that the query hit. */
export interface ScreeningMatch {
  trafficLight: Exclude<TrafficLight, 'GREEN'>;
  listType: ListType;
  entryId: string;
  /** The entry's primary name. */
  entryName: string;
  /** The primary name or alias that matched best. */
  matchedName: string;
  nameMatch: NameMatchKind;
  /** Name similarity, 0..1. */
  score: number;
  birthdate: BirthdateComparison;
  /** The entry's birthdate that matched, else its first one. */
  listBirthdate?: ListBirthdate;
}

/** The shape the HTTP API returns in `complianceData[].details`. */
export interface ScreeningDetail {
  name: string;
  /** YYYY-MM-DD, present only when the list gives an exact day. */
  birthdate?: string;
}

export interface ScreeningResult {
  trafficLight: TrafficLight;
  /** The list of the most severe match; absent when GREEN. */
  hitType?: ListType;
  /** True for RED and YELLOW. */
  manualReview: boolean;
  details: ScreeningDetail[];
  /** Best name similarity among the matches, 0 when GREEN. */
  score: number;
  /** Matches, most severe and most similar first. */
  matches: ScreeningMatch[];
}
