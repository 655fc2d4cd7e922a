import { closeAccount, NonZeroBalanceError } from '@wallet/core';
import { ApiError } from '@wallet/errors';
import { closeAccountBody } from '@wallet/validation';
import type { Hono } from 'hono';
import { assignmentsOf, lockCustomerAccount } from '../account-lookup.js';
import { jsonBody } from '../body.js';
import type { AppEnv } from '../context.js';
import { customerIdParam } from '../params.js';
import { presentAccount } from '../presenters/customer.js';

/** Closes an account for good (see closeAccount): 200 with the CLOSED account. */
export function registerAccountClose(app: Hono<AppEnv>): void {
  app.post('/v2/customer-persons/:customerId/accounts/:accountId/close', async (c) => {
    const customerId = customerIdParam(c.req.param('customerId'));
    const body = await jsonBody(c, closeAccountBody);
    const { db, boss } = c.get('services');
    try {
      const result = await db.transaction().execute(async (trx) => {
        const found = await lockCustomerAccount(
          trx,
          c.get('tenant').id,
          customerId,
          c.req.param('accountId'),
        );
        const closed = await closeAccount(
          { trx, boss, requestId: c.get('requestId') },
          found.customer,
          found.account,
          body.reason,
        );
        return { account: closed.account, assignments: await assignmentsOf(trx, found.account.id) };
      });
      return c.json(presentAccount(result.account, result.assignments), 200);
    } catch (err) {
      if (err instanceof NonZeroBalanceError) throw new ApiError('conflict', err.message);
      throw err;
    }
  });
}
