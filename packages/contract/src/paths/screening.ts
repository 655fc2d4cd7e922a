import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  accountUpdateParams,
  blackListPageQuery,
  createBlackListEntryBody,
  liftRestrictionBody,
  screeningDecisionBody,
} from '@wallet/validation';
import { z } from 'zod';
import { BlackListEntry } from '../customers.js';
import { ScreeningDecisionResult, StoredScreening } from '../screening-review.js';
import { AccountUpdateResponse } from '../update-account.js';
import { UpdateAccountRequest } from '../update-account-request.js';
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
    description: 'At most `BLACK_LIST_MAX_ENTRIES` (default 10,000) per tenant: past it 409.',
    request: { body: json(createBlackListEntryBody.meta({ id: 'CreateBlackListEntryRequest' })) },
    responses: { 201: json(BlackListEntry) },
    errors: [...BODY_ERRORS, 409],
  });
  operation(registry, {
    method: 'get',
    path: '/v2/black-list-entries',
    operationId: 'listBlackListEntries',
    summary: 'List the tenant’s black list, a page at a time',
    description:
      'In creation order. `after` also takes an entry id (what the `Link` of earlier versions carried): ' +
      "the entries after that one; 404 when it is not an entry of the tenant's.",
    tags: ['Screening'],
    access: 'partner',
    paged: true,
    request: { query: blackListPageQuery },
    responses: { 200: json(z.array(BlackListEntry)) },
    errors: [400, 404],
  });
  operation(registry, {
    method: 'delete',
    path: '/v2/black-list-entries/{entryId}',
    operationId: 'deleteBlackListEntry',
    summary: 'Remove a name from the tenant’s black list',
    description:
      "Removes the entry from the tenant's black list; screenings from then on no longer match it (204). Another tenant's entry is 404.",
    tags: ['Screening'],
    access: 'partner',
    request: { params: z.object({ entryId: z.uuid() }) },
    responses: { 204: { description: 'Removed' } },
    errors: [404],
  });
  operation(registry, {
    method: 'get',
    path: '/v2/screenings/{archiveId}',
    operationId: 'getScreening',
    summary: 'A stored screening: query, matches, list version and review',
    description:
      'A stored screening of the tenant by its `archiveId` (seed 003): the query, the matches, the list version it ran against and any review decision.',
    tags: ['Screening'],
    access: 'partner',
    request: { params: z.object({ archiveId: z.string() }) },
    responses: { 200: json(StoredScreening) },
    errors: [404],
  });
  operation(registry, {
    method: 'post',
    path: '/v2/screenings/{archiveId}/decision',
    operationId: 'decideScreening',
    summary:
      'Decide a RED or YELLOW screening: CONFIRMED_HIT applies RED’s effects, FALSE_POSITIVE clears it',
    description:
      'Once per screening (a second decision, or one on a GREEN screening, is 409). FALSE_POSITIVE lifts the ' +
      'active screening restriction with the reason, unless a later RED screening of the customer is undecided.',
    tags: ['Screening'],
    access: 'partner',
    request: {
      params: z.object({ archiveId: z.string() }),
      body: json(screeningDecisionBody.meta({ id: 'ScreeningDecisionRequest' })),
    },
    responses: { 200: json(ScreeningDecisionResult) },
    errors: [...BODY_ERRORS, 404, 409],
  });
  operation(registry, {
    method: 'post',
    path: '/admin/restrictions/{restrictionId}/lift',
    operationId: 'adminLiftRestriction',
    summary: 'Lift any restriction (a compliance one included) with a reason, audited',
    description:
      'Admin token only. Lifts any restriction, a compliance one included, recording the reason and who lifted it; the accounts it blocked change status (Account.UPDATE events).',
    tags: ['Admin'],
    access: 'admin',
    request: {
      params: z.object({ restrictionId: z.uuid() }),
      body: json(liftRestrictionBody.meta({ id: 'LiftRestrictionRequest' })),
    },
    responses: { 204: { description: 'Lifted' } },
    errors: [...BODY_ERRORS, 404],
  });
}
