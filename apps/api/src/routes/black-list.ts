import { ApiError } from '@wallet/errors';
import { createBlackListEntryBody } from '@wallet/validation';
import type { Hono } from 'hono';
import { jsonBody } from '../body.js';
import type { AppEnv } from '../context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A tenant's own black list: names that screening reports with hitType BL, for this tenant only. */
export function registerBlackList(app: Hono<AppEnv>): void {
  app.post('/v2/black-list-entries', async (c) => {
    const body = await jsonBody(c, createBlackListEntryBody);
    const row = await c
      .get('services')
      .db.insertInto('black_list_entries')
      .values({
        tenant_id: c.get('tenant').id,
        subject: body.subject,
        name: body.name,
        birthdate: body.birthdate ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return c.json(presentEntry(row), 201);
  });

  app.get('/v2/black-list-entries', async (c) => {
    const rows = await c
      .get('services')
      .db.selectFrom('black_list_entries')
      .selectAll()
      .where('tenant_id', '=', c.get('tenant').id)
      .orderBy('created_at')
      .execute();
    return c.json(rows.map(presentEntry));
  });

  app.delete('/v2/black-list-entries/:entryId', async (c) => {
    const entryId = c.req.param('entryId');
    const deleted = UUID.test(entryId)
      ? await c
          .get('services')
          .db.deleteFrom('black_list_entries')
          .where('id', '=', entryId)
          .where('tenant_id', '=', c.get('tenant').id)
          .executeTakeFirst()
      : undefined;
    if (!deleted || deleted.numDeletedRows === 0n)
      throw new ApiError('not_found', 'Black-list entry not found');
    return c.body(null, 204);
  });
}

function presentEntry(row: {
  id: string;
  subject: string;
  name: string;
  birthdate: string | null;
  created_at: Date;
}) {
  return {
    id: row.id,
    subject: row.subject,
    name: row.name,
    ...(row.birthdate && { birthdate: row.birthdate }),
    createdAt: row.created_at.toISOString(),
  };
}
