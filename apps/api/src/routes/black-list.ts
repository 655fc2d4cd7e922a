import type { BlackListEntry } from '@wallet/contract';
import { addBlackListEntry, listBlackListPage, removeBlackListEntry } from '@wallet/core';
import type { BlackListEntryRow } from '@wallet/db';
import { ApiError } from '@wallet/errors';
import {
  BLACK_LIST_CURSOR,
  blackListPageQuery,
  createBlackListEntryBody,
  parseOrThrow,
} from '@wallet/validation';
import type { Hono } from 'hono';
import type { z } from 'zod';
import { jsonBody } from '../body.js';
import type { AppEnv } from '../context.js';
import { linkNextPage } from '../paging.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * A tenant's own black list: names that screening reports with hitType BL, for this tenant only
 * (the writes, with the version bump and the cap, are @wallet/core's black-list.ts).
 */
export function registerBlackList(app: Hono<AppEnv>): void {
  app.post('/v2/black-list-entries', async (c) => {
    const body = await jsonBody(c, createBlackListEntryBody);
    const tenantId = c.get('tenant').id;
    const { db, screening } = c.get('services');
    const max = screening.blackListMaxEntries ?? DEFAULT_MAX_ENTRIES;
    const added = await addBlackListEntry(db, {
      tenantId,
      max,
      subject: body.subject,
      name: body.name,
      birthdate: body.birthdate,
    });
    if (added.kind === 'full')
      throw new ApiError(
        'conflict',
        `The black list already holds its maximum of ${added.max} entries (BLACK_LIST_MAX_ENTRIES); remove entries before adding more`,
      );
    return c.json(presentEntry(added.entry), 201);
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
    const deleted =
      UUID.test(entryId) && (await removeBlackListEntry(c.get('services').db, { tenantId, entryId }));
    if (!deleted) throw new ApiError('not_found', 'Black-list entry not found');
    return c.body(null, 204);
  });
}

function presentEntry(row: BlackListEntryRow): z.input<typeof BlackListEntry> {
  return {
    id: row.id,
    subject: row.subject as z.input<typeof BlackListEntry>['subject'],
    name: row.name,
    ...(row.birthdate && { birthdate: row.birthdate }),
    createdAt: row.created_at.toISOString(),
  };
}
