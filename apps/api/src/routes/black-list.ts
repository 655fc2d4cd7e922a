import { listBlackListPage } from '@wallet/core';
import type { BlackListEntryRow } from '@wallet/db';
import { ApiError } from '@wallet/errors';
import {
  BLACK_LIST_CURSOR,
  blackListPageQuery,
  createBlackListEntryBody,
  parseOrThrow,
} from '@wallet/validation';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { jsonBody } from '../body.js';
import type { AppEnv } from '../context.js';
import { linkNextPage } from '../paging.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * A tenant's own black list: names that screening reports with hitType BL, for this tenant only.
 * Every change bumps the tenant's row in `black_list_versions` in its own transaction; that row's
 * lock also serialises a tenant's additions, so the cap holds under concurrent POSTs.
 */
export function registerBlackList(app: Hono<AppEnv>): void {
  app.post('/v2/black-list-entries', async (c) => {
    const body = await jsonBody(c, createBlackListEntryBody);
    const tenantId = c.get('tenant').id;
    const { db, screening } = c.get('services');
    const max = screening.blackListMaxEntries ?? DEFAULT_MAX_ENTRIES;
    const row = await db.transaction().execute(async (trx) => {
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
      if (counted.entries > max)
        throw new ApiError(
          'conflict',
          `The black list already holds its maximum of ${max} entries (BLACK_LIST_MAX_ENTRIES); remove entries before adding more`,
        );
      return trx
        .insertInto('black_list_entries')
        .values({
          tenant_id: tenantId,
          subject: body.subject,
          name: body.name,
          birthdate: body.birthdate ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    return c.json(presentEntry(row), 201);
  });

  // A page in creation order (see linkNextPage for where the next one is).
  app.get('/v2/black-list-entries', async (c) => {
    const query = parseOrThrow(blackListPageQuery, c.req.query());
    const page = await listBlackListPage(c.get('services').db, c.get('tenant').id, query);
    if (!page) throw new ApiError('not_found', 'Black-list entry of the cursor not found');
    linkNextPage(c, BLACK_LIST_CURSOR, page.nextKey);
    return c.json(page.rows.map(presentEntry));
  });

  app.delete('/v2/black-list-entries/:entryId', async (c) => {
    const entryId = c.req.param('entryId');
    const tenantId = c.get('tenant').id;
    const deleted = UUID.test(entryId)
      ? await c
          .get('services')
          .db.transaction()
          .execute(async (trx) => {
            const gone = await trx
              .deleteFrom('black_list_entries')
              .where('id', '=', entryId)
              .where('tenant_id', '=', tenantId)
              .executeTakeFirst();
            if (gone.numDeletedRows === 0n) return false;
            await trx
              .updateTable('black_list_versions')
              .set({ version: sql`version + 1`, entries: sql`entries - 1` })
              .where('tenant_id', '=', tenantId)
              .execute();
            return true;
          })
      : false;
    if (!deleted) throw new ApiError('not_found', 'Black-list entry not found');
    return c.body(null, 204);
  });
}

function presentEntry(row: BlackListEntryRow) {
  return {
    id: row.id,
    subject: row.subject,
    name: row.name,
    ...(row.birthdate && { birthdate: row.birthdate }),
    createdAt: row.created_at.toISOString(),
  };
}
