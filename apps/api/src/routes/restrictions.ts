import { activeRestrictionSource, liftRestriction, lockCustomer, placeRestriction } from '@wallet/core';
import { ApiError } from '@wallet/errors';
import { createRestrictionBody } from '@wallet/validation';
import type { Hono } from 'hono';
import { jsonBody } from '../body.js';
import type { AppEnv } from '../context.js';
import { customerIdParam } from '../params.js';
import { presentRestriction } from '../presenters/customer.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerRestrictions(app: Hono<AppEnv>): void {
  app.post('/v2/customer-persons/:customerId/restrictions', async (c) => {
    const customerId = customerIdParam(c.req.param('customerId'));
    const body = await jsonBody(c, createRestrictionBody);
    const tenant = c.get('tenant');
    const { db, boss } = c.get('services');
    const requestId = c.get('requestId');
    const change = await db.transaction().execute(async (trx) => {
      if (!(await lockCustomer({ trx }, tenant.id, customerId)))
        throw new ApiError('not_found', 'Customer not found');
      return placeRestriction(
        { trx, boss, requestId },
        { tenantId: tenant.id, customerId, ...body, source: 'PARTNER' },
      );
    });
    return c.json(presentRestriction(change.restriction), 201);
  });

  app.delete('/v2/customer-persons/:customerId/restrictions/:restrictionId', async (c) => {
    const customerId = customerIdParam(c.req.param('customerId'));
    const restrictionId = c.req.param('restrictionId');
    const tenant = c.get('tenant');
    const { db, boss } = c.get('services');
    const requestId = c.get('requestId');
    const lifted = await db.transaction().execute(async (trx) => {
      if (!(await lockCustomer({ trx }, tenant.id, customerId)))
        throw new ApiError('not_found', 'Customer not found');
      if (!UUID.test(restrictionId)) return undefined;
      // A sanctions hit's block is a compliance decision, not the partner's to undo.
      if ((await activeRestrictionSource({ trx }, customerId, restrictionId)) === 'SCREENING')
        throw new ApiError(
          'conflict',
          'This restriction was placed by sanctions screening (COMPLIANCE) and cannot be lifted with DELETE: ' +
            'decide the screening with POST /v2/screenings/{archiveId}/decision (FALSE_POSITIVE, with a reason), ' +
            'or ask the operator to lift it through the admin API',
        );
      return liftRestriction({ trx, boss, requestId }, { customerId, restrictionId, liftedBy: 'PARTNER' });
    });
    if (!lifted) throw new ApiError('not_found', 'Restriction not found');
    return c.body(null, 204);
  });
}
