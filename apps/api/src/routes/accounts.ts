import { findCustomer, listAccountsPage, openAccount } from '@wallet/core';
import { ApiError } from '@wallet/errors';
import { ACCOUNTS_CURSOR, createAccountBody, listAccountsQuery, parseOrThrow } from '@wallet/validation';
import type { Hono } from 'hono';
import { jsonBody } from '../body.js';
import type { AppEnv } from '../context.js';
import { linkNextPage } from '../paging.js';
import { customerIdParam, isUniqueViolation } from '../params.js';
import { presentAccount } from '../presenters/customer.js';

export function registerAccounts(app: Hono<AppEnv>): void {
  app.get('/v2/customer-persons/:customerId/accounts', async (c) => {
    const customerId = customerIdParam(c.req.param('customerId'));
    const query = parseOrThrow(listAccountsQuery, c.req.query());
    const { db } = c.get('services');
    if (!(await findCustomer(db, c.get('tenant').id, customerId))) {
      throw new ApiError('not_found', 'Customer not found');
    }
    const page = await listAccountsPage(db, customerId, query);
    linkNextPage(c, ACCOUNTS_CURSOR, page.nextKey);
    return c.json(
      page.rows.map((a) =>
        presentAccount(
          a,
          page.assignments.filter((v) => v.account_id === a.id),
        ),
      ),
    );
  });

  app.post('/v2/customer-persons/:customerId/accounts', async (c) => {
    const customerId = customerIdParam(c.req.param('customerId'));
    const body = await jsonBody(c, createAccountBody);
    const tenant = c.get('tenant');
    const { db, boss } = c.get('services');
    try {
      const result = await db.transaction().execute(async (trx) => {
        const opened = await openAccount(
          { trx, boss, requestId: c.get('requestId') },
          {
            tenantId: tenant.id,
            customerId,
            externalId: body.externalId,
            currencyCode: body.currencyCode,
            virtualAccountAssignment: body.virtualAccountAssignment,
          },
        );
        if (!opened) throw new ApiError('not_found', 'Customer not found');
        return opened;
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
