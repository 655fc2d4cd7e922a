import type { WebhookSecretRotated } from '@wallet/contract';
import type { WebhookSubscriptionRow } from '@wallet/db';
import { ApiError } from '@wallet/errors';
import {
  idempotencyKeyHeader,
  parseFields,
  type RotateWebhookSecretBody,
  rotateWebhookSecretBody,
} from '@wallet/validation';
import { generateSecret, subscriptionSecretContext } from '@wallet/webhooks';
import type { Context, Hono } from 'hono';
import { sql } from 'kysely';
import type { z } from 'zod';
import { jsonBody } from '../body.js';
import type { AppEnv } from '../context.js';
import { currentSecret, sealedSecretColumns } from '../webhook-secrets/stored-secrets.js';
import { ownSubscription } from './webhook-subscription-lookup.js';
import { presentSubscription } from './webhook-subscription-presenter.js';

/** How long a rotation's Idempotency-Key answers that rotation again (as the other idempotent POSTs). */
const REPLAY_WINDOW_MS = 24 * 3600 * 1000;

function present(row: WebhookSubscriptionRow, secret: string): z.input<typeof WebhookSecretRotated> {
  return {
    ...presentSubscription(row, secret),
    previousSecretExpiresAt: row.previous_secret_expires_at?.toISOString() ?? null,
  };
}

/** The body is optional: a request without one (no content type, nothing sent) takes the defaults. */
async function rotationBody(c: Context<AppEnv>): Promise<RotateWebhookSecretBody> {
  const declared =
    c.req.header('content-type') !== undefined || c.req.header('transfer-encoding') !== undefined;
  const length = Number(c.req.header('content-length') ?? 0);
  return declared || length > 0 ? jsonBody(c, rotateWebhookSecretBody) : {};
}

/**
 * `POST /v2/webhook-subscriptions/{id}/rotate-secret`: a new secret, shown in this answer only. Until
 * the grace period ends (WEBHOOK_SECRET_GRACE_SECONDS) deliveries and test sends are signed with the
 * new and the previous secret (see signingKeys), so the subscriber can switch without losing one.
 * `{"graceSeconds": 0}` stops the previous secret at once (it leaked); any other value up to 30 days
 * replaces the operator's default for this rotation.
 * At most two secrets: rotating again within a grace period makes the secret being replaced the
 * previous one (with a grace of its own) and drops the one before it at once.
 *
 * Any status may rotate, CANCELLED too: its secret still signs test sends and, once reactivated,
 * deliveries and replays, and a leaked secret should be replaceable whatever the endpoint does.
 *
 * An Idempotency-Key makes a retry safe: answering a lost rotation again (its secret decrypted from
 * the row) instead of rotating twice, which would drop the secret the subscriber still uses. The key
 * answers while that rotation is the latest, for 24 h; the generic idempotency store is not used
 * because it would keep the answer, and so the secret, in plain text.
 */
export function registerWebhookSecretRotation(app: Hono<AppEnv>): void {
  app.post('/v2/webhook-subscriptions/:subscriptionId/rotate-secret', async (c) => {
    const header = c.req.header('idempotency-key');
    if (header !== undefined) {
      const parsed = parseFields(idempotencyKeyHeader, header);
      if (!parsed.success)
        throw ApiError.validation(parsed.errors.map((f) => ({ ...f, path: 'Idempotency-Key' })));
    }
    const body = await rotationBody(c);
    const own = await ownSubscription(c);
    const { db, webhooks } = c.get('services');
    const { secretBox } = webhooks;
    const graceSeconds = body.graceSeconds ?? webhooks.secretGraceSeconds;
    const answer = await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('webhook_subscriptions')
        .selectAll()
        .where('id', '=', own.id)
        .forNoKeyUpdate()
        .executeTakeFirst();
      if (!row) throw new ApiError('not_found', 'Webhook subscription not found');
      const rotatedAt = row.secret_rotated_at?.getTime() ?? 0;
      if (
        header !== undefined &&
        row.rotation_idempotency_key === header &&
        Date.now() - rotatedAt < REPLAY_WINDOW_MS
      ) {
        return { replayed: true, body: present(row, currentSecret(secretBox, row)) };
      }
      // The outgoing secret becomes the previous one as it is stored (no need to decrypt it), unless
      // it is still plain text (not swept yet): then it is encrypted on the way.
      const outgoing =
        row.secret_ciphertext !== null && row.secret_key_id !== null
          ? { ciphertext: row.secret_ciphertext, keyId: row.secret_key_id }
          : secretBox.seal(currentSecret(secretBox, row), subscriptionSecretContext(row.id));
      const keepPrevious = graceSeconds > 0;
      const secret = generateSecret();
      const updated = await trx
        .updateTable('webhook_subscriptions')
        .set({
          ...sealedSecretColumns(secretBox, row.id, secret),
          previous_secret_ciphertext: keepPrevious ? outgoing.ciphertext : null,
          previous_secret_key_id: keepPrevious ? outgoing.keyId : null,
          previous_secret_expires_at: keepPrevious
            ? sql<Date>`now() + make_interval(secs => ${graceSeconds})`
            : null,
          secret_rotated_at: sql<Date>`now()`,
          rotation_idempotency_key: header ?? null,
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { replayed: false, body: present(updated, secret) };
    });
    if (answer.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(answer.body);
  });
}
