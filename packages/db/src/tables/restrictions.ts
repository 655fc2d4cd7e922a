import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Int8 } from './customers.js';

/** Who placed a restriction; the system's own rules never stack a second copy of theirs. */
export type RestrictionSource = 'PARTNER' | 'CHANGE_NOTIFICATION' | 'SCREENING';

export interface RestrictionsTable {
  id: Generated<string>;
  tenant_id: string;
  customer_id: Int8;
  name: string;
  reason: string;
  required_actions: string[];
  source: RestrictionSource;
  created_at: ColumnType<Date, Date | undefined, never>;
  /** When the system lifts it by itself; null for partner restrictions. */
  expires_at: Date | null;
  lifted_at: Date | null;
  lifted_by: string | null;
  /** Why it was lifted, where the lifter gave a reason (review decisions, the admin API). */
  lift_reason: ColumnType<string | null, string | null | undefined, string | null>;
}
export type RestrictionRow = Selectable<RestrictionsTable>;
export type NewRestriction = Insertable<RestrictionsTable>;
