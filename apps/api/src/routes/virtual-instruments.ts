import { requestInstrument } from '@wallet/core';
import { ApiError } from '@wallet/errors';
import { requestInstrumentBody } from '@wallet/validation';
import type { Hono } from 'hono';
import { assignmentsOf, lockCustomerAccount } from '../account-lookup.js';
import { jsonBody } from '../body.js';
import type { AppEnv } from '../context.js';
import { customerIdParam, isUniqueViolation } from '../params.js';
import { presentAccount } from '../presenters/customer.js';

/**
 * Requests a virtual instrument for an existing account: 202 with the account, whose
 * `virtualAccountAssignmentStatus` shows the new PENDING request; the worker takes it from there.
 * A second request of a type while one is open (or its instrument is active) is 409, as is any
 * request on a CLOSED account.
 */
export function registerVirtualInstruments(app: Hono<AppEnv>): void {
  app.post('/v2/customer-persons/:customerId/accounts/:accountId/virtual-instruments', async (c) => {
    const customerId = customerIdParam(c.req.param('customerId'));
    const body = await jsonBody(c, requestInstrumentBody);
    const { db, boss } = c.get('services');
    try {
      const result = await db.transaction().execute(async (trx) => {
        const tenantId = c.get('tenant').id;
        const { account } = await lockCustomerAccount(trx, tenantId, customerId, c.req.param('accountId'));
        const ctx = { trx, boss, requestId: c.get('requestId') };
        await requestInstrument(ctx, account, body.instrumentType, 'partner');
        return { account, assignments: await assignmentsOf(trx, account.id) };
      });
      return c.json(presentAccount(result.account, result.assignments), 202);
    } catch (err) {
      // The customer lock serialises requests, so this index is only the last line of defence.
      if (isUniqueViolation(err, 'virtual_account_assignments_one_open')) {
        throw new ApiError('conflict', `An open ${body.instrumentType} request exists for this account`);
      }
      throw err;
    }
  });
}
