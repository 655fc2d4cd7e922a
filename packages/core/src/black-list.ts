import type { BlackListEntryRow, Database } from '@wallet/db';
import { type Kysely, sql } from 'kysely';

export type BlackListAddition = { kind: 'added'; entry: BlackListEntryRow } | { kind: 'full'; max: number };

/**
 * Adds an entry to a tenant's own black list, in its own transaction. Every change bumps the tenant's
 * row in `black_list_versions` (the version each screening reads, so a change counts at the next
 * screening on every replica); that row's lock also serialises a tenant's additions, so the cap
 * holds under concurrent additions. `full` (nothing written) when the list holds `max` entries.
 */
export async function addBlackListEntry(
  db: Kysely<Database>,
  input: {
    tenantId: string;
    max: number;
    subject: BlackListEntryRow['subject'];
    name: string;
    birthdate?: string | undefined;
  },
): Promise<BlackListAddition> {
  const { tenantId, max } = input;
  return db
    .transaction()
    .execute(async (trx) => {
      const counted = await trx
        .insertInto('black_list_versions')
        .values({ tenant_id: tenantId, version: 1, entries: 1 })
        .onConflict((oc) =>
          oc.column('tenant_id').doUpdateSet({
            version: sql`black_list_versions.version + 1`,
            entries: sql`black_list_versions.entries + 1`,
          }),
        )
        .returning('entries')
        .executeTakeFirstOrThrow();
      // Thrown to roll the bump back, caught below.
      if (counted.entries > max) throw new BlackListFull(max);
      const entry = await trx
        .insertInto('black_list_entries')
        .values({
          tenant_id: tenantId,
          subject: input.subject,
          name: input.name,
          birthdate: input.birthdate ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { kind: 'added', entry } as const;
    })
    .catch((error: unknown) => {
      if (error instanceof BlackListFull) return { kind: 'full', max: error.max } as const;
      throw error;
    });
}

class BlackListFull extends Error {
  constructor(readonly max: number) {
    super(`black list full (${max})`);
  }
}

/** Removes a tenant's entry and bumps the list's version, in one transaction. False when there is no such entry. */
export async function removeBlackListEntry(
  db: Kysely<Database>,
  input: { tenantId: string; entryId: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom('black_list_entries')
      .where('id', '=', input.entryId)
      .where('tenant_id', '=', input.tenantId)
      .executeTakeFirst();
    if (gone.numDeletedRows === 0n) return false;
    await trx
      .updateTable('black_list_versions')
      .set({ version: sql`version + 1`, entries: sql`entries - 1` })
      .where('tenant_id', '=', input.tenantId)
      .execute();
    return true;
  });
}
