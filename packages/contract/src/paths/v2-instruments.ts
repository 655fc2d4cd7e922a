import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { issuerCallbackBody } from '@wallet/instruments';
import { closeAccountBody, requestInstrumentBody, updateCustomerBody } from '@wallet/validation';
import { z } from 'zod';
import { Account, Customer } from '../customers.js';
import { BODY_ERRORS, json, operation } from './operation.js';

const customerId = z.string().meta({ pattern: '^[1-9]\\d{0,15}$', example: '10040500' });
const accountId = z.string().meta({ pattern: '^[1-9]\\d{0,15}$', example: '1356000' });
const accountParams = z.object({ customerId, accountId });

/** Account lifecycle beyond creation (issue 17): instruments, closing, contact details, bank callbacks. */
export function registerInstrumentPaths(registry: OpenAPIRegistry): void {
  operation(registry, {
    method: 'post',
    path: '/v2/customer-persons/{customerId}/accounts/{accountId}/virtual-instruments',
    operationId: 'requestVirtualInstrument',
    idempotent: true,
    summary: 'Request a virtual bank instrument for an account',
    description:
      'Records a PENDING request and hands it to the worker, which asks the configured issuer: ' +
      'PENDING → ACCEPTED → COMPLETED (the instrument appears in virtualInstrument, ACTIVE, with its ' +
      'identifiers), or REJECTED, or FAILED. 409 while a request of the type is open (PENDING, ' +
      'ACCEPTED) or its instrument is active, and on a CLOSED account.',
    tags: ['Accounts'],
    access: 'partner',
    request: {
      params: accountParams,
      body: json(requestInstrumentBody.meta({ id: 'RequestVirtualInstrumentRequest' })),
    },
    responses: { 202: json(Account, 'The account, with the new request in virtualAccountAssignmentStatus') },
    errors: [...BODY_ERRORS, 404, 409],
  });
  operation(registry, {
    method: 'post',
    path: '/v2/customer-persons/{customerId}/accounts/{accountId}/close',
    operationId: 'closeAccount',
    summary: 'Close an account (final)',
    description:
      'The account becomes CLOSED and its Account.UPDATE is sent; its instruments are deactivated and ' +
      'its open requests REJECTED. 409 when its balance is not zero, and for any change once CLOSED.',
    tags: ['Accounts'],
    access: 'partner',
    request: { params: accountParams, body: json(closeAccountBody.meta({ id: 'CloseAccountRequest' })) },
    responses: { 200: json(Account, 'The closed account') },
    errors: [...BODY_ERRORS, 404, 409],
  });
  operation(registry, {
    method: 'patch',
    path: '/v2/customer-persons/{customerId}',
    operationId: 'updateCustomer',
    summary: "Update a customer's email and mobile",
    description: 'Seed 004 limits: email <= 150 characters, mobile <= 50; `mobile: null` removes it.',
    tags: ['Customers'],
    access: 'partner',
    request: {
      params: z.object({ customerId }),
      body: json(updateCustomerBody.meta({ id: 'UpdateCustomerRequest' })),
    },
    responses: { 200: json(Customer) },
    errors: [...BODY_ERRORS, 404],
  });
  operation(registry, {
    method: 'post',
    path: '/v2/issuer-callbacks/{issuer}',
    operationId: 'issuerCallback',
    summary: "A partner bank's status update for a virtual instrument request",
    description:
      'Signed with Standard Webhooks headers (webhook-id: the bank event id, webhook-timestamp, ' +
      "webhook-signature) and the issuer's secret; no API key. Unsigned, badly signed or for an unknown issuer is 401, a " +
      'timestamp more than 5 minutes from now 401, an event id already processed answers 200 again ' +
      'without applying it (`duplicate: true`). A reference the issuer does not hold is 404; a move the ' +
      'lifecycle forbids is 409.',
    tags: ['Issuers'],
    access: 'issuer',
    request: {
      params: z.object({ issuer: z.string().meta({ example: 'acme-bank' }) }),
      headers: z.object({
        'webhook-id': z.string(),
        'webhook-timestamp': z.string(),
        'webhook-signature': z.string(),
      }),
      body: json(issuerCallbackBody.meta({ id: 'IssuerCallback' })),
    },
    responses: {
      200: json(
        z
          .object({ status: z.string(), duplicate: z.boolean() })
          .meta({ id: 'IssuerCallbackResult', description: "The request's status after the callback" }),
      ),
    },
    errors: [...BODY_ERRORS, 404, 409],
  });
}
