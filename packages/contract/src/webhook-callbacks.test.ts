import { signedBody, standardWebhookHeaders, verifyAccountUpdate } from '@wallet/webhooks';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildOpenApiDocument } from './document.js';
import {
  AccountUpdateEvent,
  EXAMPLE_ACCOUNT_UPDATE_BODY,
  EXAMPLE_WEBHOOK_HEADERS,
  EXAMPLE_WEBHOOK_SECRET,
  EXAMPLE_WEBHOOK_TIMESTAMP,
} from './webhook-callbacks.js';

type Webhooks = Record<
  string,
  {
    post: {
      description: string;
      parameters: { name: string; in: string; required?: boolean }[];
      requestBody: { content: Record<string, { examples: Record<string, { value: unknown }> }> };
      responses: Record<string, unknown>;
    };
  }
>;

const doc = buildOpenApiDocument() as unknown as { webhooks: Webhooks };
const callback = doc.webhooks['Account.UPDATE']?.post;
const exampleValue = callback?.requestBody.content['application/json']?.examples.signed?.value;

describe('the published Account.UPDATE callback', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('documents the three Standard Webhooks headers, 200 as the only success, the retry schedule and both signatures', () => {
    expect(callback).toBeDefined();
    const headers = (callback?.parameters ?? []).filter((p) => p.in === 'header');
    expect(headers.map((p) => [p.name, p.required])).toEqual([
      ['webhook-id', true],
      ['webhook-timestamp', true],
      ['webhook-signature', true],
    ]);
    expect(Object.keys(callback?.responses ?? {}).sort()).toEqual(['200', 'default']);
    expect(callback?.description).toMatch(/HTTP 200 only/);
    expect(callback?.description).toMatch(/5 s, 5 min, 30 min, 2 h,\s+5 h, 10 h, 10 h/);
    expect(callback?.description).toContain('Standard Webhooks');
    expect(callback?.description).toContain('lowercase hex HMAC');
    expect(callback?.description).toContain(EXAMPLE_WEBHOOK_SECRET);
  });

  it('shows the example body exactly as sent, valid against its own schema', () => {
    expect(JSON.stringify(exampleValue)).toBe(EXAMPLE_ACCOUNT_UPDATE_BODY);
    expect(AccountUpdateEvent.safeParse(exampleValue).success).toBe(true);
  });

  it('has an example whose signatures the product’s signer produces from the example secret', () => {
    const body = JSON.parse(EXAMPLE_ACCOUNT_UPDATE_BODY) as {
      eventId: string;
      payload: Record<string, unknown>;
    };
    expect(signedBody(EXAMPLE_WEBHOOK_SECRET, body.eventId, body.payload)).toBe(EXAMPLE_ACCOUNT_UPDATE_BODY);
    expect(
      standardWebhookHeaders(
        EXAMPLE_WEBHOOK_SECRET,
        body.eventId,
        EXAMPLE_WEBHOOK_TIMESTAMP,
        EXAMPLE_ACCOUNT_UPDATE_BODY,
      ),
    ).toEqual(EXAMPLE_WEBHOOK_HEADERS);
    const at = new Date(EXAMPLE_WEBHOOK_TIMESTAMP * 1000);
    expect(
      verifyAccountUpdate(EXAMPLE_WEBHOOK_SECRET, EXAMPLE_ACCOUNT_UPDATE_BODY, EXAMPLE_WEBHOOK_HEADERS, {
        now: at,
      }).eventId,
    ).toBe('EVT1358242');
  });

  it('has an example that the standardwebhooks library verifies, and refuses once tampered', () => {
    vi.useFakeTimers({ now: EXAMPLE_WEBHOOK_TIMESTAMP * 1000 + 30_000 });
    const webhook = new Webhook(EXAMPLE_WEBHOOK_SECRET);
    expect(webhook.verify(EXAMPLE_ACCOUNT_UPDATE_BODY, { ...EXAMPLE_WEBHOOK_HEADERS })).toMatchObject({
      eventId: 'EVT1358242',
    });
    const tampered = EXAMPLE_ACCOUNT_UPDATE_BODY.replace('DORMANT', 'ACTIVE');
    expect(() => webhook.verify(tampered, { ...EXAMPLE_WEBHOOK_HEADERS })).toThrow();
  });

  it('gives every operation and webhook a description, every tag one, and a server', () => {
    const full = buildOpenApiDocument() as unknown as {
      paths: Record<string, Record<string, { description?: string }>>;
      tags: { name: string; description?: string }[];
      servers: { url: string }[];
    };
    const missing = Object.entries(full.paths).flatMap(([path, item]) =>
      (['get', 'put', 'post', 'delete', 'patch'] as const)
        .filter((m) => item[m] && !item[m]?.description)
        .map((m) => `${m} ${path}`),
    );
    expect(missing).toEqual([]);
    expect(callback?.description?.length).toBeGreaterThan(100);
    expect(full.tags.filter((t) => !t.description)).toEqual([]);
    expect(full.tags.map((t) => t.name)).toContain('Webhook callbacks');
    expect(full.servers.length).toBeGreaterThan(0);
  });
});
