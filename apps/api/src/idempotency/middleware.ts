import { createHash } from 'node:crypto';
import { ApiError } from '@wallet/errors';
import { idempotencyKeyHeader, parseFields } from '@wallet/validation';
import { createMiddleware } from 'hono/factory';
import { bodyText } from '../body.js';
import type { AppEnv } from '../context.js';
import { claimKey, findKey, releaseKey, storeAnswer } from './repository.js';

/**
 * `Idempotency-Key` on a POST that creates something, per tenant. The first request with a key runs
 * and its answer (below 500) is stored; the same key with the same method, path and body within 24 h
 * gets that answer again with `Idempotent-Replayed: true`, and creates nothing. The same key with
 * another request is 409, as is a key whose first request is still running. A 5xx frees the key.
 * Without the header the route runs as always.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('idempotency-key');
  if (c.req.method !== 'POST' || header === undefined) return next();
  const parsed = parseFields(idempotencyKeyHeader, header);
  if (!parsed.success)
    throw ApiError.validation(parsed.errors.map((f) => ({ ...f, path: 'Idempotency-Key' })));
  const key = header;
  const { db, logger } = c.get('services');
  const tenantId = c.get('tenant').id;
  const fingerprint = createHash('sha256')
    .update(`${c.req.method} ${c.req.path}\n`)
    .update(await bodyText(c))
    .digest('hex');

  if (!(await claimKey(db, tenantId, key, fingerprint))) {
    const stored = await findKey(db, tenantId, key);
    if (!stored || stored.fingerprint !== fingerprint)
      throw new ApiError('conflict', 'Idempotency-Key was already used for a different request');
    if (stored.status === null || stored.response_body === null)
      throw new ApiError('conflict', 'A request with this Idempotency-Key is still in progress');
    c.header('Idempotent-Replayed', 'true');
    c.header('Content-Type', 'application/json');
    return c.body(stored.response_body, stored.status as 201);
  }

  await next();
  try {
    if (c.res.status >= 500) await releaseKey(db, tenantId, key);
    else await storeAnswer(db, tenantId, key, { status: c.res.status, body: await c.res.clone().text() });
  } catch (err) {
    // The answer stands; the key frees itself after a minute (see claimKey).
    logger.warn({ err }, 'idempotency answer not stored');
  }
});
