import { parseCsv } from './csv.js';
import { parseRemarksBirthdates } from './dob.js';
import type { ListAlias, ListEntry, ListType, SubjectType } from './types.js';

export interface ParseListOptions {
  /** Which list the rows belong to; default `SL`. */
  listType?: ListType;
}

/** OFAC writes `-0-` (often followed by a space) for an empty field. */
function field(row: readonly string[], column: number): string {
  const value = (row[column] ?? '').trim();
  return value === '-0-' ? '' : value;
}

function subjectOf(sdnType: string): SubjectType {
  const type = sdnType.toLowerCase();
  if (type === 'individual' || type === 'vessel' || type === 'aircraft') return type;
  return 'entity';
}

function aliasesById(altText: string | undefined): Map<string, ListAlias[]> {
  const byId = new Map<string, ListAlias[]>();
  if (altText === undefined) return byId;
  for (const row of parseCsv(altText)) {
    const id = field(row, 0);
    const name = field(row, 3);
    if (id === '' || name === '') continue;
    const alias = { name, kind: field(row, 2).toLowerCase() || 'aka' };
    const list = byId.get(id);
    if (list) list.push(alias);
    else byId.set(id, [alias]);
  }
  return byId;
}

/**
 * Parses a list in OFAC's legacy CSV format: sdn.csv rows (ent_num, SDN_Name, SDN_Type, Program,
 * Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks) and, optionally,
 * alt.csv alias rows (ent_num, alt_num, alt_type, alt_name, alt_remarks). Birthdates come from
 * the `DOB ...` parts of Remarks. Rows without an id or a name are skipped.
 */
export function parseOfacCsv(sdnText: string, altText?: string, options: ParseListOptions = {}): ListEntry[] {
  const listType = options.listType ?? 'SL';
  const aliases = aliasesById(altText);
  const entries: ListEntry[] = [];
  for (const row of parseCsv(sdnText)) {
    const id = field(row, 0);
    const name = field(row, 1);
    if (id === '' || name === '') continue;
    entries.push({
      listType,
      id,
      subject: subjectOf(field(row, 2)),
      name,
      aliases: aliases.get(id) ?? [],
      birthdates: parseRemarksBirthdates(field(row, 11)),
      programs: field(row, 3)
        .split(/\]\s*\[/)
        .map((p) => p.trim())
        .filter((p) => p !== ''),
    });
  }
  return entries;
}

/** A tenant's own black list, written in the same CSV format as OFAC's; its entries are `BL`. */
export function parseBlackList(sdnText: string, altText?: string): ListEntry[] {
  return parseOfacCsv(sdnText, altText, { listType: 'BL' });
}
