import { liftRestrictionWithReason } from '@wallet/core';
import { ApiError } from '@wallet/errors';
import { liftRestrictionBody } from '@wallet/validation';
import type { Hono } from 'hono';
import { jsonBody } from '../body.js';
import type { AppEnv } from '../context.js';
import { adminAuth } from '../middleware/admin-auth.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `POST /admin/restrictions/{restrictionId}/lift {"reason"}`: the operator's way of lifting any
 * restriction of any tenant, a compliance one included; the reason is kept and audited.
 */
export function registerAdminRestrictions(app: Hono<AppEnv>): void {
  app.post('/admin/restrictions/:restrictionId/lift', adminAuth, async (c) => {
    const restrictionId = c.req.param('restrictionId');
    const { reason } = await jsonBody(c, liftRestrictionBody);
    const { db, boss } = c.get('services');
    const lifted = UUID.test(restrictionId)
      ? await db
          .transaction()
          .execute((trx) =>
            liftRestrictionWithReason(
              { trx, boss, requestId: c.get('requestId') },
              { restrictionId, reason, actor: 'ADMIN' },
            ),
          )
      : undefined;
    if (!lifted) throw new ApiError('not_found', 'No active restriction with this id');
    return c.body(null, 204);
  });
}
