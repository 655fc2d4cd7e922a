import type { Database, ScreeningRecordRow } from '@wallet/db';
import type { Kysely } from 'kysely';

/** A tenant's stored screening (seed 003's archiveId); undefined for another tenant's. */
export async function findScreening(
  db: Kysely<Database>,
  tenantId: string,
  screeningId: string,
): Promise<ScreeningRecordRow | undefined> {
  return db
    .selectFrom('screening_records')
    .selectAll()
    .where('id', '=', screeningId)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
}
