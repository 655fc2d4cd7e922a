import { randomBytes } from 'node:crypto';
import { findCustomerByExternalId, storeScreenedProfile } from '@wallet/core';
import { ApiError } from '@wallet/errors';
import { queriesOf, screenAll } from '@wallet/screening';
import { accountUpdateParams, parseOrThrow, parseUpdateAccountBody } from '@wallet/validation';
import type { Hono } from 'hono';
import { jsonObject } from '../body.js';
import type { AppEnv } from '../context.js';
import { presentAccountUpdate } from '../presenters/update-account.js';

/**
 * `PATCH /accounts/{customerAccountId}` (seed 003): stores the partner's profile of the customer whose
 * externalId is customerAccountId, screens it, and applies a hit's effects in the same transaction.
 */
export function registerAccountUpdate(app: Hono<AppEnv>): void {
  app.patch('/accounts/:customerAccountId', async (c) => {
    const { customerAccountId: externalId } = parseOrThrow(accountUpdateParams, c.req.param());
    const body = parseUpdateAccountBody(await jsonObject(c));
    const tenant = c.get('tenant');
    const { db, boss, screening } = c.get('services');

    const customer = await findCustomerByExternalId(db, tenant.id, externalId);
    if (!customer) throw new ApiError('not_found', 'Resource not found.');

    // Screening is CPU-only and fast (an in-memory index); it runs before the transaction opens.
    const { index: blackList, version: blackListVersion } = await screening.blackLists.withVersion(
      db,
      tenant.id,
    );
    const listVersion = [screening.globalVersion ?? 'SL:unversioned', blackListVersion].join(';');
    const queries = queriesOf(body);
    const result = screenAll(blackList ? [screening.global, blackList] : [screening.global], queries);

    const outcome = await db
      .transaction()
      .execute((trx) =>
        storeScreenedProfile(
          { trx, boss, requestId: c.get('requestId') },
          { tenantId: tenant.id, customerId: customer.id, profile: body, queries, result, listVersion },
        ),
      );
    if (!outcome) throw new ApiError('not_found', 'Resource not found.');
    const partnerReference = `PR_${customer.id}_${randomBytes(12)
      .toString('base64url')
      .replace(/[^A-Za-z0-9]/g, 'x')}`;
    return c.json(presentAccountUpdate({ partnerReference, outcome, result }));
  });
}
