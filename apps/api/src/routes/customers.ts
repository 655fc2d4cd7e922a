import { createCustomer, findCustomer, listCustomersPage } from '@wallet/core';
import { ApiError } from '@wallet/errors';
import { CUSTOMERS_CURSOR, createCustomerBody, listCustomersQuery, parseOrThrow } from '@wallet/validation';
import type { Hono } from 'hono';
import { jsonBody } from '../body.js';
import type { AppEnv } from '../context.js';
import { linkNextPage } from '../paging.js';
import { customerIdParam, isUniqueViolation } from '../params.js';
import { loadCustomers, presentCustomerFields } from '../presenters/customer.js';

export function registerCustomers(app: Hono<AppEnv>): void {
  app.post('/v2/customer-persons', async (c) => {
    const body = await jsonBody(c, createCustomerBody);
    const tenant = c.get('tenant');
    try {
      const row = await createCustomer(c.get('services').db, { tenantId: tenant.id, ...body });
      return c.json({ ...presentCustomerFields(row), restrictions: [], accounts: [] }, 201);
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ApiError('conflict', `A customer with externalId ${body.externalId} already exists`);
      }
      throw err;
    }
  });

  app.get('/v2/customer-persons', async (c) => {
    const query = parseOrThrow(listCustomersQuery, c.req.query());
    const { db } = c.get('services');
    const page = await listCustomersPage(db, c.get('tenant').id, query);
    linkNextPage(c, CUSTOMERS_CURSOR, page.nextKey);
    return c.json(await loadCustomers(db, page.rows));
  });

  app.get('/v2/customer-persons/:customerId', async (c) => {
    const customerId = customerIdParam(c.req.param('customerId'));
    const { db } = c.get('services');
    const row = await findCustomer(db, c.get('tenant').id, customerId);
    if (!row) throw new ApiError('not_found', 'Customer not found');
    const [customer] = await loadCustomers(db, [row]);
    return c.json(customer);
  });
}
