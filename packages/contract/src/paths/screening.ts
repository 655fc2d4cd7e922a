import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { accountUpdateParams, createBlackListEntryBody } from '@wallet/validation';
import { z } from 'zod';
import { AccountUpdateResponse } from '../account-update.js';
import { UpdateAccountRequest } from '../account-update-request.js';
import { BlackListEntry } from '../customers.js';
import { BODY_ERRORS, json, operation } from './operation.js';

export function registerScreeningPaths(registry: OpenAPIRegistry): void {
  operation(registry, {
    method: 'patch',
    path: '/accounts/{customerAccountId}',
    operationId: 'updateAccount',
    summary: 'Update Account: store the partner profile and screen it',
    description:
      'Seed 003. `customerAccountId` is the customer’s externalId. Send exactly one of `consumer` and ' +
      '`businessConsumer`; `billingAddress.stateCode` is required for USA and CAN. A RED screening hit ' +
      'places an ALL_TRANSACTIONS restriction in the same transaction.',
    tags: ['Screening'],
    access: 'partner',
    request: {
      params: accountUpdateParams,
      body: json(UpdateAccountRequest),
    },
    responses: { 200: json(AccountUpdateResponse) },
    errors: [...BODY_ERRORS, 404],
  });
  operation(registry, {
    method: 'post',
    path: '/v2/black-list-entries',
    operationId: 'createBlackListEntry',
    idempotent: true,
    summary: 'Add a name to the tenant’s own black list',
    tags: ['Screening'],
    access: 'partner',
    request: { body: json(createBlackListEntryBody.meta({ id: 'CreateBlackListEntryRequest' })) },
    responses: { 201: json(BlackListEntry) },
    errors: BODY_ERRORS,
  });
  operation(registry, {
    method: 'get',
    path: '/v2/black-list-entries',
    operationId: 'listBlackListEntries',
    summary: 'List the tenant’s black list',
    tags: ['Screening'],
    access: 'partner',
    responses: { 200: json(z.array(BlackListEntry)) },
  });
  operation(registry, {
    method: 'delete',
    path: '/v2/black-list-entries/{entryId}',
    operationId: 'deleteBlackListEntry',
    summary: 'Remove a name from the tenant’s black list',
    tags: ['Screening'],
    access: 'partner',
    request: { params: z.object({ entryId: z.uuid() }) },
    responses: { 204: { description: 'Removed' } },
    errors: [404],
  });
}
