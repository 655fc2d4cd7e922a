import { IntakeOverloadedError } from '@wallet/core';
import { ApiError } from '@wallet/errors';
import { changeNotificationBody, idempotencyKeyHeader, parseFields } from '@wallet/validation';
import type { Hono } from 'hono';
import { jsonObject } from '../body.js';
import type { AppEnv } from '../context.js';
import { customerIdParam } from '../params.js';

/**
 * Seed 000: a partner reports a change made outside the wallet. 202 (empty body) once the
 * notification and its job are committed together (in one statement, possibly with other requests'
 * notifications: see createIntakeBatcher); the compliance worker does the rest.
 * A replay (same customer, changeType and changeTime, or the same Idempotency-Key with the same
 * change) is 202 again and changes nothing; an Idempotency-Key reused for another change is 409.
 */
export function registerChangeNotifications(app: Hono<AppEnv>): void {
  app.post('/v2/customer-persons/:customerId/change-notifications', async (c) => {
    const customerId = customerIdParam(c.req.param('customerId'));
    const body = parseFields(changeNotificationBody, await jsonObject(c));
    const key = parseFields(idempotencyKeyHeader, c.req.header('idempotency-key'));
    const fieldErrors = [
      ...(body.success ? [] : body.errors),
      ...(key.success ? [] : key.errors.map((f) => ({ ...f, path: 'Idempotency-Key' }))),
    ];
    if (!body.success || !key.success) throw ApiError.validation(fieldErrors);

    const tenant = c.get('tenant');
    const result = await c
      .get('services')
      .intake.accept({
        tenantId: tenant.id,
        customerId,
        ...body.data,
        idempotencyKey: key.data,
        requestId: c.get('requestId'),
      })
      .catch((err: unknown) => {
        // Back-pressure: nothing was stored, and the same request may be sent again shortly.
        if (err instanceof IntakeOverloadedError) {
          throw new ApiError('service_unavailable', 'Intake is overloaded', { cause: err, retryAfter: 1 });
        }
        throw err;
      });
    switch (result.kind) {
      case 'customer_not_found':
        throw new ApiError('not_found', 'Customer not found');
      case 'key_conflict':
        throw new ApiError(
          'conflict',
          'Idempotency-Key was already used for a different change notification',
        );
      case 'replayed':
        c.header('Idempotent-Replayed', 'true');
        return c.body(null, 202);
      case 'accepted':
        return c.body(null, 202);
    }
  });
}
