import { createHash } from 'node:crypto';
import { ApiError } from '@wallet/errors';
import { idempotencyKeyHeader, parseFields } from '@wallet/validation';
import { createMiddleware } from 'hono/factory';
import { bodyText } from '../body.js';
import type { AppEnv } from '../context.js';
import { claimKey, findKey, releaseKey, storeAnswer } from './repository.js';

export interface IdempotencyOptions {
  /**
   * The member of a 2xx answer that holds a secret shown once (a webhook secret, an API key). Such an
   * answer is stored without it, and a replay is 409 naming what was created rather than a copy
   * without its secret, which a client could mistake for the whole answer: a secret is never written
   * to the idempotency table, and one creation still happens however often the request is retried.
   */
  secretMember?: string;
  /** What the route creates, for that 409's message: "webhook subscription". */
  resource?: string;
}

/**
 * `Idempotency-Key` on a POST that creates something, per tenant. The first request with a key runs
 * and its answer (below 500) is stored; the same key with the same method, path and body within 24 h
 * gets that answer again with `Idempotent-Replayed: true`, and creates nothing. The same key with
 * another request is 409, as is a key whose first request is still running. A 5xx frees the key.
 * Without the header the route runs as always.
 */
export const idempotency = (options: IdempotencyOptions = {}) =>
  createMiddleware<AppEnv>(async (c, next) => {
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
      if (options.secretMember && stored.status < 300) {
        const id = (JSON.parse(stored.response_body) as { id?: unknown }).id;
        throw new ApiError(
          'conflict',
          `This Idempotency-Key already created ${options.resource ?? 'a resource'} ${String(id)}; its ${options.secretMember} was shown once, in that answer, and is not kept for a replay`,
        );
      }
      c.header('Idempotent-Replayed', 'true');
      c.header('Content-Type', 'application/json');
      return c.body(stored.response_body, stored.status as 201);
    }

    await next();
    try {
      if (c.res.status >= 500) await releaseKey(db, tenantId, key);
      else
        await storeAnswer(db, tenantId, key, {
          status: c.res.status,
          body: withoutSecret(await c.res.clone().text(), c.res.status, options.secretMember),
        });
    } catch (err) {
      // The answer stands; the key frees itself after a minute (see claimKey).
      logger.warn({ err }, 'idempotency answer not stored');
    }
  });

function withoutSecret(body: string, status: number, member: string | undefined): string {
  if (!member || status >= 300) return body;
  const { [member]: _secret, ...rest } = JSON.parse(body) as Record<string, unknown>;
  return JSON.stringify(rest);
}
