import { lockCustomer, requestInstrument } from '@wallet/core';
import { accountStatusFor, type RestrictionName } from '@wallet/domain';
import { ApiError } from '@wallet/errors';
import { instrumentForCurrency } from '@wallet/instruments';
import { createAccountBody } from '@wallet/validation';
import type { Hono } from 'hono';
import { jsonBody } from '../body.js';
import type { AppEnv } from '../context.js';
import { customerIdParam, isUniqueViolation } from '../params.js';
import { presentAccount } from '../presenters/customer.js';

export function registerAccounts(app: Hono<AppEnv>): void {
  app.post('/v2/customer-persons/:customerId/accounts', async (c) => {
    const customerId = customerIdParam(c.req.param('customerId'));
    const body = await jsonBody(c, createAccountBody);
    const tenant = c.get('tenant');
    const { db, boss } = c.get('services');
    try {
      const result = await db.transaction().execute(async (trx) => {
        const customer = await lockCustomer({ trx }, tenant.id, customerId);
        if (!customer) throw new ApiError('not_found', 'Customer not found');
        // A new account starts in the status the customer's active restrictions imply.
        const active = await trx
          .selectFrom('restrictions')
          .select('name')
          .where('customer_id', '=', customerId)
          .where('lifted_at', 'is', null)
          .execute();
        const account = await trx
          .insertInto('accounts')
          .values({
            tenant_id: tenant.id,
            customer_id: customerId,
            external_id: body.externalId ?? null,
            currency_code: body.currencyCode,
            status: accountStatusFor(active.map((r) => r.name as RestrictionName)),
            virtual_account_assignment: body.virtualAccountAssignment,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        if (!body.virtualAccountAssignment) return { account, assignments: [] };
        // The instrument that fits the currency; none for a currency without one (REJECTED, no type).
        const assignment = await requestInstrument(
          { trx, boss, requestId: c.get('requestId') },
          account,
          instrumentForCurrency(account.currency_code),
          'account-creation',
        );
        return { account, assignments: [assignment] };
      });
      return c.json(presentAccount(result.account, result.assignments), 201);
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ApiError(
          'conflict',
          `This customer already has an account with externalId ${body.externalId}`,
        );
      }
      throw err;
    }
  });
}
