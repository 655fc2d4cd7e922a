import {
  CUSTOMER_TYPES,
  REQUIRED_ACTIONS,
  RESTRICTION_NAMES,
  RESTRICTION_REASONS,
  TENANT_NAME_PATTERN,
} from '@wallet/domain';
import { z } from 'zod';
import { CUSTOMERS_CURSOR, pageCursor, pageLimit } from './page.js';
import { currencyCode, rfc3339DateTime } from './primitives.js';

/** `POST /admin/tenants`. */
export const createTenantBody = z.strictObject({
  name: z.string().regex(TENANT_NAME_PATTERN, {
    message: 'must be 2-63 lowercase letters, digits or dashes, starting with a letter or digit',
  }),
});

/** `POST /v2/customer-persons` (seed 004 limits). */
export const createCustomerBody = z.strictObject({
  externalId: z.string().min(1).max(40),
  type: z.enum(CUSTOMER_TYPES).default('PERSON'),
  email: z.email({ message: 'must be a valid email address' }).max(150),
  mobile: z.string().min(1).max(50).optional(),
  registrationIp: z.ipv4({ message: 'must be an IPv4 address' }),
  registrationDate: rfc3339DateTime().optional(),
});
export type CreateCustomerBody = z.output<typeof createCustomerBody>;

/**
 * `PATCH /v2/customer-persons/{customerId}`: the contact details a partner maintains, with seed
 * 004's limits. `email` is required in the model, so it can be changed but not removed; `mobile` is
 * optional, so `null` removes it. At least one of the two.
 */
export const updateCustomerBody = z
  .strictObject({
    email: createCustomerBody.shape.email.optional(),
    mobile: z.string().min(1).max(50).nullable().optional(),
  })
  .refine((body) => body.email !== undefined || body.mobile !== undefined, {
    message: 'send email, mobile or both',
  });
export type UpdateCustomerBody = z.output<typeof updateCustomerBody>;

export const listCustomersQuery = z.strictObject({
  externalId: z.string().min(1).max(40).optional(),
  limit: pageLimit,
  after: pageCursor(CUSTOMERS_CURSOR),
});

/** `POST /v2/customer-persons/{customerId}/accounts`. */
export const createAccountBody = z.strictObject({
  currencyCode: currencyCode(),
  externalId: z.string().min(1).max(40).optional(),
  virtualAccountAssignment: z.boolean().default(false),
});
export type CreateAccountBody = z.output<typeof createAccountBody>;

/** `POST /v2/customer-persons/{customerId}/restrictions`. */
export const createRestrictionBody = z.strictObject({
  name: z.enum(RESTRICTION_NAMES),
  reason: z.enum(RESTRICTION_REASONS),
  requiredActions: z.array(z.enum(REQUIRED_ACTIONS)).max(REQUIRED_ACTIONS.length).default([]),
});
export type CreateRestrictionBody = z.output<typeof createRestrictionBody>;
