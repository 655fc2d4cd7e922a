import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  createWebhookSubscriptionBody,
  idempotencyKeyHeader,
  listWebhookDeliveriesQuery,
  recoverWebhookDeliveriesBody,
  rotateWebhookSecretBody,
  updateWebhookSubscriptionBody,
} from '@wallet/validation';
import { z } from 'zod';
import {
  WebhookDelivery,
  WebhookRecoveryResult,
  WebhookSecretRotated,
  WebhookSubscription,
  WebhookSubscriptionCreated,
  WebhookTestResult,
} from '../webhooks.js';
import { BODY_ERRORS, json, operation } from './operation.js';

const subscriptionParams = z.object({ subscriptionId: z.uuid() });

/** The route's own schema; its `since` is a transform, so the format is stated here. */
const recoverRequest = recoverWebhookDeliveriesBody
  .extend({
    since: recoverWebhookDeliveriesBody.shape.since.meta({
      type: 'string',
      format: 'date-time',
      description: 'RFC 3339 section 5.6: deliveries made at or after this time are recovered',
      example: '2025-03-04T00:00:00Z',
    }),
    limit: recoverWebhookDeliveriesBody.shape.limit.meta({
      description: 'At most this many per call (1 to 1,000; default 1,000)',
      example: 500,
    }),
  })
  .meta({ id: 'RecoverWebhookDeliveriesRequest', example: { since: '2025-03-04T00:00:00Z' } });
const tags = ['Webhook subscriptions'];

export function registerWebhookPaths(registry: OpenAPIRegistry): void {
  operation(registry, {
    method: 'post',
    path: '/v2/webhook-subscriptions',
    operationId: 'createWebhookSubscription',
    idempotent: 'secret-shown-once',
    summary: 'Subscribe a URL to Account.UPDATE webhooks',
    description:
      'The URL must not resolve to a private, loopback or link-local address, and its port must be 80, 443 or 1024 and above. The signing secret is returned once. 409 when an active subscription of the tenant already has the same URL and event types, or when the tenant holds its maximum of subscriptions.',
    tags,
    access: 'partner',
    request: { body: json(createWebhookSubscriptionBody.meta({ id: 'CreateWebhookSubscriptionRequest' })) },
    responses: { 201: json(WebhookSubscriptionCreated) },
    errors: [...BODY_ERRORS, 409],
  });
  operation(registry, {
    method: 'get',
    path: '/v2/webhook-subscriptions',
    operationId: 'listWebhookSubscriptions',
    summary: 'List webhook subscriptions, oldest first',
    description:
      "The tenant's subscriptions, oldest first, each with its status (ACTIVE, PAUSED, CANCELLED); the signing secret is never shown again.",
    tags,
    access: 'partner',
    paged: true,
    responses: { 200: json(z.array(WebhookSubscription)) },
  });
  operation(registry, {
    method: 'get',
    path: '/v2/webhook-subscriptions/{subscriptionId}',
    operationId: 'getWebhookSubscription',
    summary: 'Get a webhook subscription',
    description:
      "One subscription with its status, and when and why it was cancelled if it was; another tenant's is 404.",
    tags,
    access: 'partner',
    request: { params: subscriptionParams },
    responses: { 200: json(WebhookSubscription) },
    errors: [404],
  });
  operation(registry, {
    method: 'delete',
    path: '/v2/webhook-subscriptions/{subscriptionId}',
    operationId: 'deleteWebhookSubscription',
    summary: 'Delete a webhook subscription with its delivery history',
    description:
      "Deletes the subscription with its deliveries and their attempts; nothing more is sent to it. Another tenant's is 404.",
    tags,
    access: 'partner',
    request: { params: subscriptionParams },
    responses: { 204: { description: 'Deleted' } },
    errors: [404],
  });
  operation(registry, {
    method: 'post',
    path: '/v2/webhook-subscriptions/{subscriptionId}/reactivate',
    operationId: 'reactivateWebhookSubscription',
    summary: 'Reactivate a cancelled webhook subscription',
    description: '409 when an active subscription of the tenant already has the same URL and event types.',
    tags,
    access: 'partner',
    request: { params: subscriptionParams },
    responses: { 200: json(WebhookSubscription) },
    errors: [404, 409],
  });
  operation(registry, {
    method: 'get',
    path: '/v2/webhook-subscriptions/{subscriptionId}/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: 'List deliveries of a subscription, newest first, with their attempts',
    description:
      "The subscription's deliveries, newest first (`eventId` to find one event): each with its status (PENDING, DELIVERED, FAILED, CANCELLED), next attempt time and every attempt's status code or error, duration and first KiB of the answer.",
    tags,
    access: 'partner',
    paged: true,
    request: { params: subscriptionParams, query: listWebhookDeliveriesQuery },
    responses: { 200: json(z.array(WebhookDelivery)) },
    errors: [400, 404],
  });
  operation(registry, {
    method: 'post',
    path: '/v2/webhook-subscriptions/{subscriptionId}/deliveries/{eventId}/replay',
    operationId: 'replayWebhookDelivery',
    idempotent: true,
    summary: 'Deliver an event to the subscription again',
    description:
      'Queues the event again for this subscription as a new delivery with the same `eventId` (so the subscriber can de-duplicate); a PAUSED subscription sends it once resumed. 404 when the event was never delivered to this subscription (or its delivery is past the retention period); 409 while the subscription is cancelled (reactivate it first).',
    tags,
    access: 'partner',
    request: {
      params: subscriptionParams.extend({ eventId: z.string().meta({ pattern: '^EVT\\d{1,19}$' }) }),
    },
    responses: { 202: json(WebhookDelivery, 'The new delivery, queued') },
    errors: [404, 409],
  });
  operation(registry, {
    method: 'post',
    path: '/v2/webhook-subscriptions/{subscriptionId}/recover',
    operationId: 'recoverWebhookDeliveries',
    idempotent: true,
    summary: 'Replay every delivery of the subscription that stopped since a time',
    description:
      "Queues again, as new deliveries with their own `eventId`s, the events whose delivery to this subscription was made at or after `since` and stopped (`FAILED` or `CANCELLED`), and that the subscriber has not got since: an event with a replay pending or delivered is skipped, so the call can be repeated safely. At most 1,000 per call (`limit` to take fewer), oldest delivery first, so each account's events go out in the order they happened (after any delivery of that account already pending). `hasMore: true`: send the same request again. A PAUSED subscription takes them and sends them once resumed. 409 while the subscription is CANCELLED: check the endpoint (`POST .../test`), reactivate it, then recover. Deliveries older than the retention period (`WEBHOOK_RETENTION_DAYS`) are gone and cannot be recovered.",
    tags,
    access: 'partner',
    request: { params: subscriptionParams, body: json(recoverRequest) },
    responses: { 202: json(WebhookRecoveryResult, 'What was queued') },
    errors: [...BODY_ERRORS, 404, 409],
  });
  operation(registry, {
    method: 'post',
    path: '/v2/webhook-subscriptions/{subscriptionId}/test',
    operationId: 'testWebhookSubscription',
    summary: 'Send a signed test event to the subscription now',
    description:
      'Sends one Account.UPDATE test event, signed with the subscription’s secret like every event: seed 001’s example account, `"test": true` before `signature`, and an `eventId` starting `EVT0` (no real event has one). Sent once, at once, whatever the subscription’s status (a cancelled one can be checked before reactivating it), with the same SSRF guard, deadline and success rule (200 only) as deliveries. The answer is the attempt’s outcome; a failed test is 200 with `delivered: false`. Nothing is stored: deliveries, their order and retries, and the subscription’s status are untouched.',
    tags,
    access: 'partner',
    request: { params: subscriptionParams },
    responses: { 200: json(WebhookTestResult, 'The outcome of the attempt') },
    errors: [404],
  });
  operation(registry, {
    method: 'post',
    path: '/v2/webhook-subscriptions/{subscriptionId}/rotate-secret',
    operationId: 'rotateWebhookSecret',
    summary: 'Replace the subscription’s signing secret, keeping the old one valid for a grace period',
    description: [
      'Answers a new signing secret, shown only in this answer (like at creation). The body is optional.',
      'For the grace period (`graceSeconds` of the body, else the operator’s `WEBHOOK_SECRET_GRACE_SECONDS`, 24 h by default; `previousSecretExpiresAt`) every delivery and test send is signed with both secrets: `webhook-signature` is `v1,<new> v1,<previous>` (a Standard Webhooks verifier passes with either), and the body `signature` (seed 001) is keyed with the previous secret, so a subscriber still holding only the old secret loses nothing. After the grace both are keyed with the new secret alone. Switch by deploying both secrets, then the new one alone after `previousSecretExpiresAt`.',
      '`{"graceSeconds": 0}` stops the previous secret at once: for a secret that leaked (deliveries fail at a subscriber still on it until it deploys the new one).',
      'At most two secrets: rotating again within a grace period makes the secret being replaced the previous one (with a new grace period) and drops the older one at once.',
      'Any status may rotate, a CANCELLED subscription too (its secret signs test sends, and deliveries again once reactivated). Another tenant’s subscription is 404.',
      'With an `Idempotency-Key`, a retry with the same key answers the same secret again (`Idempotent-Replayed: true`) and rotates nothing, for 24 h and while that rotation is the latest; without one, every call rotates (a lost answer retried would drop the secret still in use).',
    ].join('\n\n'),
    tags,
    access: 'partner',
    request: {
      params: subscriptionParams,
      headers: z.object({ 'Idempotency-Key': idempotencyKeyHeader.meta({ example: 'rotate-2026-12-02-1' }) }),
      body: {
        required: false,
        description: 'Optional (send none, or `{}`, for the defaults)',
        content: {
          'application/json': {
            schema: rotateWebhookSecretBody.meta({ id: 'RotateWebhookSecretRequest' }),
            examples: {
              routine: { summary: 'A routine rotation: the operator’s grace period', value: {} },
              leaked: {
                summary: 'The secret leaked: the old one stops signing now',
                value: { graceSeconds: 0 },
              },
              week: { summary: 'A week to switch', value: { graceSeconds: 604800 } },
            },
          },
        },
      },
    },
    responses: {
      200: {
        description: 'The subscription with its new secret',
        content: {
          'application/json': {
            schema: WebhookSecretRotated,
            examples: {
              rotated: {
                summary: 'Rotated, the previous secret signing for 24 h more',
                value: {
                  id: '0f8b1c52-3d7e-4a5b-9c61-2e4f8a9b7c30',
                  url: 'https://hooks.example.com/wallet',
                  eventTypes: ['Account.UPDATE'],
                  status: 'ACTIVE',
                  maxAttempts: 8,
                  secret: 'whsec_AwoRGB8mLTQ7QklQV15lbHN6gYiPlp2kq7K5wMfO1dw=',
                  createdAt: '2026-11-02T09:14:03.512Z',
                  cancelledAt: null,
                  cancelReason: null,
                  previousSecretExpiresAt: '2026-12-03T10:00:00.000Z',
                },
              },
            },
          },
        },
      },
    },
    errors: [...BODY_ERRORS, 404],
  });
  operation(registry, {
    method: 'patch',
    path: '/v2/webhook-subscriptions/{subscriptionId}',
    operationId: 'updateWebhookSubscription',
    summary: 'Change a webhook subscription’s url, event types or maxAttempts, or pause or resume it',
    description:
      'Send any of the fields. A new `url` passes the same SSRF guard as at creation (400). `status: "PAUSED"` pauses: events go on being recorded as PENDING deliveries, none is sent (an attempt already in flight finishes); `status: "ACTIVE"` resumes, and the accumulated deliveries go out in order per account. A new `url` or `maxAttempts` applies to pending deliveries too (their next attempt); new `eventTypes` apply to the events that follow. 409 when an active or paused subscription of the tenant already has the resulting url and event types, or when the status of a CANCELLED subscription is changed (reactivate it instead).',
    tags,
    access: 'partner',
    request: {
      params: subscriptionParams,
      body: json(updateWebhookSubscriptionBody.meta({ id: 'UpdateWebhookSubscriptionRequest' })),
    },
    responses: { 200: json(WebhookSubscription, 'The subscription as changed') },
    errors: [...BODY_ERRORS, 404, 409],
  });
}
