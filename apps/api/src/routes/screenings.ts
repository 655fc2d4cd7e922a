import { decideScreening, findScreening } from '@wallet/core';
import { ApiError } from '@wallet/errors';
import { archiveIdParam, screeningDecisionBody } from '@wallet/validation';
import type { Hono } from 'hono';
import { jsonBody } from '../body.js';
import type { AppEnv } from '../context.js';
import { presentDecision, presentScreening } from '../presenters/screening.js';

/** A malformed archiveId names no screening: 404 like another tenant's. */
function archiveIdOf(value: string | undefined): string {
  const parsed = archiveIdParam.safeParse(value);
  if (!parsed.success) throw new ApiError('not_found', 'Screening not found');
  return parsed.data;
}

/** The review workflow: a stored screening, and a person's decision on it. */
export function registerScreenings(app: Hono<AppEnv>): void {
  app.get('/v2/screenings/:archiveId', async (c) => {
    const id = archiveIdOf(c.req.param('archiveId'));
    const row = await findScreening(c.get('services').db, c.get('tenant').id, id);
    if (!row) throw new ApiError('not_found', 'Screening not found');
    return c.json(presentScreening(row));
  });

  app.post('/v2/screenings/:archiveId/decision', async (c) => {
    const id = archiveIdOf(c.req.param('archiveId'));
    const body = await jsonBody(c, screeningDecisionBody);
    const tenant = c.get('tenant');
    const { db, boss } = c.get('services');
    const decision = await db.transaction().execute((trx) =>
      decideScreening(
        { trx, boss, requestId: c.get('requestId') },
        // The API key is the tenant's: the decision is recorded as the partner's.
        { tenantId: tenant.id, screeningId: id, ...body, actor: `PARTNER:${tenant.name}` },
      ),
    );
    if (decision.kind === 'not_found') throw new ApiError('not_found', 'Screening not found');
    if (decision.kind === 'conflict') throw new ApiError('conflict', decision.message);
    return c.json(presentDecision(decision));
  });
}
