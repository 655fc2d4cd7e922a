import { applyIssuerCallback, InstrumentRequestNotFoundError, InvalidIdentifiersError } from '@wallet/core';
import { ApiError } from '@wallet/errors';
import { CallbackVerificationError, issuerCallbackBody, verifyIssuerCallback } from '@wallet/instruments';
import { parseOrThrow } from '@wallet/validation';
import type { Hono } from 'hono';
import { parseJsonObject, rawJsonText } from '../body.js';
import type { AppEnv } from '../context.js';
import { isUniqueViolation } from '../params.js';

/**
 * A partner bank's status update for a request it took (the callback adapter). No API key: the
 * Standard Webhooks signature with the issuer's secret authenticates it. Every refusal is logged
 * with its reason, never with the signature or the secret.
 */
export function registerIssuerCallbacks(app: Hono<AppEnv>): void {
  app.post('/v2/issuer-callbacks/:issuer', async (c) => {
    const issuer = c.req.param('issuer');
    const { db, boss, issuerSecrets } = c.get('services');
    const logger = c.get('logger');
    const secret = issuerSecrets.get(issuer);
    // An unknown issuer is refused like a bad signature (401): the answer does not tell which issuer names exist.
    if (!secret) {
      logger.warn({ issuer, refusal: 'unknown_issuer' }, 'issuer callback refused');
      throw new ApiError('unauthorized', 'Callback signature missing, stale or not valid');
    }
    const raw = await rawJsonText(c);
    let verified: ReturnType<typeof verifyIssuerCallback>;
    try {
      verified = verifyIssuerCallback(secret, raw, {
        'webhook-id': c.req.header('webhook-id'),
        'webhook-timestamp': c.req.header('webhook-timestamp'),
        'webhook-signature': c.req.header('webhook-signature'),
      });
    } catch (err) {
      if (!(err instanceof CallbackVerificationError)) throw err;
      logger.warn(
        { issuer, refusal: err.refusal, eventId: c.req.header('webhook-id'), reason: err.message },
        'issuer callback refused',
      );
      if (err.refusal === 'malformed') throw new ApiError('malformed_body', 'Request body is not valid JSON');
      throw new ApiError('unauthorized', 'Callback signature missing, stale or not valid');
    }
    const body = parseOrThrow(issuerCallbackBody, parseJsonObject(raw));
    try {
      const outcome = await db
        .transaction()
        .execute((trx) =>
          applyIssuerCallback(
            { trx, boss, requestId: c.get('requestId') },
            { issuer, eventId: verified.eventId, body },
          ),
        );
      if (outcome.duplicate) {
        logger.warn(
          { issuer, eventId: verified.eventId },
          'issuer callback replayed: already applied, ignored',
        );
      } else {
        logger.info({ issuer, eventId: verified.eventId, status: outcome.status }, 'issuer callback applied');
      }
      return c.json(outcome, 200);
    } catch (err) {
      if (err instanceof InstrumentRequestNotFoundError) throw new ApiError('not_found', err.message);
      if (isUniqueViolation(err, 'virtual_account_assignments_identifier_key_key')) {
        throw new ApiError('conflict', 'These identifiers were already issued for another request');
      }
      if (err instanceof InvalidIdentifiersError) {
        throw ApiError.validation([{ path: 'identifiers', issue: 'invalid', message: err.message }]);
      }
      throw err;
    }
  });
}
