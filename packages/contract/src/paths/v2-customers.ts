import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  changeNotificationBody,
  createAccountBody,
  createCustomerBody,
  createRestrictionBody,
  idempotencyKeyHeader,
  listAccountsQuery,
  listCustomersQuery,
} from '@wallet/validation';
import { z } from 'zod';
import { annotate } from '../annotate.js';
import { Account, Customer, Restriction } from '../customers.js';
import { BODY_ERRORS, json, operation } from './operation.js';

const customerId = z.string().meta({
  description: 'Numeric customer id; another value answers 400 DW-CUSTOMER-ID-SHOULD-BE-VALID',
  pattern: '^[1-9]\\d{0,15}$',
  example: '10040500',
});
const customerParams = z.object({ customerId });
const tags = ['Customers'];

/** The route's own schema; zod describes an IPv4 check as `format: ip`, OpenAPI's name is `ipv4`. */
const createCustomerRequest = annotate(createCustomerBody, {
  registrationIp: { format: 'ipv4', example: '198.51.100.42' },
  registrationDate: { format: 'date-time', description: 'RFC 3339', example: '2024-07-29T15:51:28.071Z' },
}).meta({ id: 'CreateCustomerRequest' });

/** The route's own schema; its changeTime is a transform, so the format is stated here. */
const changeNotificationRequest = changeNotificationBody
  .extend({
    changeTime: changeNotificationBody.shape.changeTime.meta({
      type: 'string',
      format: 'date-time',
      description: 'RFC 3339 section 5.6; at most 5 minutes ahead of the server clock',
      example: '2024-07-29T15:51:28Z',
    }),
  })
  .meta({ id: 'ChangeNotificationRequest' });

export function registerCustomerPaths(registry: OpenAPIRegistry): void {
  operation(registry, {
    method: 'post',
    path: '/v2/customer-persons',
    operationId: 'createCustomer',
    idempotent: true,
    summary: 'Create a customer',
    description:
      'Creates a customer (seed 004 fields and limits) for the tenant; unknown fields are refused. 409 when the tenant already has a customer with this `externalId`.',
    tags,
    access: 'partner',
    request: { body: json(createCustomerRequest) },
    responses: { 201: json(Customer, 'The customer, without restrictions or accounts yet') },
    errors: [...BODY_ERRORS, 409],
  });
  operation(registry, {
    method: 'get',
    path: '/v2/customer-persons',
    operationId: 'listCustomers',
    summary: 'List customers, by id',
    description:
      "The tenant's customers in id order; `externalId` narrows the list to that partner reference.",
    tags,
    access: 'partner',
    paged: true,
    request: { query: listCustomersQuery },
    responses: { 200: json(z.array(Customer)) },
    errors: [400],
  });
  operation(registry, {
    method: 'get',
    path: '/v2/customer-persons/{customerId}',
    operationId: 'getCustomer',
    summary: 'Get a customer with its active restrictions and its accounts',
    description:
      "One of the tenant's customers with its active restrictions and its accounts; another tenant's customer is 404.",
    tags,
    access: 'partner',
    request: { params: customerParams },
    responses: { 200: json(Customer) },
    errors: [400, 404],
  });
  operation(registry, {
    method: 'get',
    path: '/v2/customer-persons/{customerId}/accounts',
    operationId: 'listAccounts',
    summary: 'List a customer’s accounts, by id',
    description:
      "The customer's accounts in the order they were opened, each with its instruments and instrument requests (the same Account as in the customer). Another tenant's customer is 404.",
    tags: ['Accounts'],
    access: 'partner',
    paged: true,
    request: { params: customerParams, query: listAccountsQuery },
    responses: { 200: json(z.array(Account)) },
    errors: [400, 404],
  });
  operation(registry, {
    method: 'post',
    path: '/v2/customer-persons/{customerId}/accounts',
    operationId: 'createAccount',
    idempotent: true,
    summary: 'Open an account for a customer',
    description:
      'Opens an account in the given currency for the customer. 409 when the customer already has an account with this `externalId`.',
    tags: ['Accounts'],
    access: 'partner',
    request: { params: customerParams, body: json(createAccountBody.meta({ id: 'CreateAccountRequest' })) },
    responses: { 201: json(Account) },
    errors: [...BODY_ERRORS, 404, 409],
  });
  operation(registry, {
    method: 'post',
    path: '/v2/customer-persons/{customerId}/restrictions',
    operationId: 'placeRestriction',
    idempotent: true,
    summary: 'Place a restriction on a customer',
    description:
      'Places a restriction (seed 000 names and reasons) on the customer; each account whose status it changes gets an Account.UPDATE event, recorded and sent to the webhook subscriptions.',
    tags: ['Restrictions'],
    access: 'partner',
    request: {
      params: customerParams,
      body: json(createRestrictionBody.meta({ id: 'CreateRestrictionRequest' })),
    },
    responses: { 201: json(Restriction) },
    errors: [...BODY_ERRORS, 404],
  });
  operation(registry, {
    method: 'delete',
    path: '/v2/customer-persons/{customerId}/restrictions/{restrictionId}',
    operationId: 'liftRestriction',
    summary: 'Lift a restriction (recorded, never deleted)',
    description:
      'A restriction placed by sanctions screening (reason COMPLIANCE) is 409: it is lifted by a FALSE_POSITIVE ' +
      'decision (`POST /v2/screenings/{archiveId}/decision`) or by the admin API, with a reason.',
    tags: ['Restrictions'],
    access: 'partner',
    request: { params: z.object({ customerId, restrictionId: z.uuid() }) },
    responses: { 204: { description: 'Lifted' } },
    errors: [400, 404, 409],
  });
  operation(registry, {
    method: 'post',
    path: '/v2/customer-persons/{customerId}/change-notifications',
    operationId: 'notifyCustomerChange',
    summary: 'Notify of external customer data change',
    description:
      'Seed 000. Reports a change that happened outside the wallet (a password change); the platform ' +
      'places and later lifts restrictions on its own. Answers 202 (no body) once the notification is ' +
      'stored. A replay (same change, or the same Idempotency-Key with the same change) is 202 again ' +
      'and changes nothing; an Idempotency-Key reused for another change is 409.',
    tags: ['Change notifications'],
    access: 'partner',
    request: {
      params: customerParams,
      headers: z.object({ 'Idempotency-Key': idempotencyKeyHeader }),
      body: json(changeNotificationRequest),
    },
    responses: {
      202: {
        description: 'Accepted',
        headers: {
          'Idempotent-Replayed': {
            description: '`true` when this request replayed an earlier one',
            schema: { type: 'string', enum: ['true'] },
          },
        },
      },
    },
    errors: [...BODY_ERRORS, 404, 409],
  });
}
