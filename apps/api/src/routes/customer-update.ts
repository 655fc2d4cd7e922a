import { updateCustomerContact } from '@wallet/core';
import { ApiError } from '@wallet/errors';
import { updateCustomerBody } from '@wallet/validation';
import type { Hono } from 'hono';
import { mergePatchBody } from '../body.js';
import type { AppEnv } from '../context.js';
import { customerIdParam } from '../params.js';
import { loadCustomers } from '../presenters/customer.js';

/**
 * Updates a customer's contact details (seed 004's email and mobile). Neither is part of the
 * Account.UPDATE payload, so no event is recorded. The body is a JSON Merge Patch: `"mobile": null`
 * removes the mobile number.
 */
export function registerCustomerUpdate(app: Hono<AppEnv>): void {
  app.patch('/v2/customer-persons/:customerId', async (c) => {
    const customerId = customerIdParam(c.req.param('customerId'));
    const body = await mergePatchBody(c, updateCustomerBody);
    const { db } = c.get('services');
    const row = await updateCustomerContact(db, { tenantId: c.get('tenant').id, customerId, ...body });
    if (!row) throw new ApiError('not_found', 'Customer not found');
    const [customer] = await loadCustomers(db, [row]);
    return c.json(customer);
  });
}
