import type { Database } from '@wallet/db';
import { buildScreeningIndex, type ListEntry, type ScreeningIndex } from '@wallet/screening';
import { type Kysely, sql } from 'kysely';

/**
 * Each tenant's black list, indexed on first use and rebuilt when the list changes (its count or
 * newest entry moves). Per process; lists are small, so a rebuild costs little.
 */
export class BlackListIndexes {
  readonly #cache = new Map<string, { version: string; index: ScreeningIndex | undefined }>();

  async forTenant(db: Kysely<Database>, tenantId: string): Promise<ScreeningIndex | undefined> {
    return (await this.withVersion(db, tenantId)).index;
  }

  /** The index and the version it was built from (`BL:<count>:<newest entry>`). */
  async withVersion(
    db: Kysely<Database>,
    tenantId: string,
  ): Promise<{ index: ScreeningIndex | undefined; version: string }> {
    const { version } = await db
      .selectFrom('black_list_entries')
      .select(sql<string>`count(*) || ':' || coalesce(max(created_at)::text, '')`.as('version'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    const cached = this.#cache.get(tenantId);
    if (cached?.version === version) return { index: cached.index, version: `BL:${version}` };
    const rows = await db
      .selectFrom('black_list_entries')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .execute();
    const entries: ListEntry[] = rows.map((row) => ({
      listType: 'BL',
      id: row.id,
      subject: row.subject === 'COMPANY' ? 'entity' : 'individual',
      name: row.name,
      aliases: [],
      birthdates: row.birthdate
        ? [{ text: row.birthdate, from: row.birthdate, to: row.birthdate, exact: true }]
        : [],
      programs: [],
    }));
    const index = entries.length > 0 ? buildScreeningIndex(entries) : undefined;
    this.#cache.set(tenantId, { version, index });
    return { index, version: `BL:${version}` };
  }
}
