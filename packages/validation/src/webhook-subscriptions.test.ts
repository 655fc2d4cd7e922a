import { ApiError } from '@wallet/errors';
import { describe, expect, it } from 'vitest';
import { parseOrThrow } from './field-errors.js';
import { createWebhookSubscriptionBody, listWebhookDeliveriesQuery } from './webhook-subscriptions.js';

function fieldsOf(input: unknown): string[] {
  try {
    parseOrThrow(createWebhookSubscriptionBody, input);
  } catch (err) {
    if (err instanceof ApiError) return err.fieldErrors.map((f) => `${f.path}: ${f.message}`);
  }
  return [];
}

describe('webhook subscription bodies', () => {
  it('accepts an http(s) URL, Account.UPDATE and an optional maxAttempts of 1..20', () => {
    expect(
      parseOrThrow(createWebhookSubscriptionBody, {
        url: 'https://hooks.example.com/a?b=c',
        eventTypes: ['Account.UPDATE', 'Account.UPDATE'],
        maxAttempts: 3,
      }),
    ).toEqual({ url: 'https://hooks.example.com/a?b=c', eventTypes: ['Account.UPDATE'], maxAttempts: 3 });
  });

  it('rejects other schemes, relative URLs, credentials, unknown events and bad bounds', () => {
    expect(fieldsOf({ url: 'ftp://example.com/', eventTypes: ['Account.UPDATE'] })).toEqual([
      'url: must be an http or https URL',
    ]);
    expect(fieldsOf({ url: '/hook', eventTypes: ['Account.UPDATE'] })[0]).toMatch(/absolute/);
    expect(fieldsOf({ url: 'https://u:p@example.com/', eventTypes: ['Account.UPDATE'] })[0]).toMatch(
      /credentials/,
    );
    expect(fieldsOf({ url: 'https://example.com/', eventTypes: ['Account.CREATE'] })[0]).toMatch(
      /^eventTypes\.0/,
    );
    expect(fieldsOf({ url: 'https://example.com/', eventTypes: [] })[0]).toMatch(/^eventTypes/);
    expect(
      fieldsOf({ url: 'https://example.com/', eventTypes: ['Account.UPDATE'], maxAttempts: 21 })[0],
    ).toMatch(/^maxAttempts/);
    expect(fieldsOf({ url: 'https://example.com/', eventTypes: ['Account.UPDATE'], secret: 'x' })).toEqual([
      'secret: unknown field',
    ]);
  });

  it('reads the deliveries query', () => {
    expect(parseOrThrow(listWebhookDeliveriesQuery, {})).toEqual({ limit: 50 });
    expect(parseOrThrow(listWebhookDeliveriesQuery, { limit: '5', eventId: 'EVT1358001' })).toEqual({
      limit: 5,
      eventId: 'EVT1358001',
    });
    expect(() => parseOrThrow(listWebhookDeliveriesQuery, { limit: '0' })).toThrow(ApiError);
  });
});
