import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createDb, type DbHandle } from '@wallet/db';
import { CONFIG_EXIT_CODE } from '@wallet/logging';
import {
  DEVELOPMENT_SECRET_KEYS,
  generateSecret,
  generateSecretKeyEntry,
  SecretKeysMismatchError,
} from '@wallet/webhooks';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiEnvSchema } from '../env.js';
import { createLogger } from '../logger.js';
import { startApi } from '../server.js';
import { ADMIN_TOKEN, client, startTestApi, type TestApi } from '../testing/harness.js';
import { startWebhookReceiver } from '../testing/webhook-receiver.js';

let api: TestApi;
let handle: DbHandle;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  api = await startTestApi({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
  handle = createDb({ connectionString: api.database.connectionString, max: 2 });
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
  await handle.destroy();
  await api.stop();
});

/** Another API process over the same database, as a restart or a second replica would be. */
function startAnother(overrides: Record<string, string> = {}) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const env = apiEnvSchema.parse({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: api.database.connectionString,
    ADMIN_TOKEN,
    RUN_MIGRATIONS: 'false',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    ...overrides,
  });
  return { lines, started: startApi(env, createLogger({ level: 'info', name: 'api' }, sink)) };
}

async function testSend(url: string, apiKey: string, id: string) {
  const before = receiver.requests.length;
  const res = await client(url, apiKey)('POST', `/v2/webhook-subscriptions/${id}/test`);
  expect(res.body.delivered).toBe(true);
  const got = receiver.requests[before];
  if (!got) throw new Error('nothing received');
  return {
    body: got.body,
    headers: {
      'webhook-id': String(got.headers['webhook-id']),
      'webhook-timestamp': String(got.headers['webhook-timestamp']),
      'webhook-signature': String(got.headers['webhook-signature']),
    },
  };
}

it('encrypts plain-text secrets (from before encryption at rest) at start-up, and they still sign', async () => {
  const tenant = await api.createTenant();
  const { id: tenantId } = await handle.db
    .selectFrom('tenants')
    .select('id')
    .where('name', '=', tenant.name)
    .executeTakeFirstOrThrow();
  const secret = generateSecret();
  const { id } = await handle.db
    .insertInto('webhook_subscriptions')
    .values({
      tenant_id: tenantId,
      url: receiver.url,
      event_types: ['Account.UPDATE'],
      secret,
      max_attempts: 3,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const { lines, started } = startAnother();
  const restarted = await started;
  try {
    const row = await handle.db
      .selectFrom('webhook_subscriptions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.secret).toBeNull();
    expect(row.secret_key_id).toBe('development');
    expect(JSON.stringify(row)).not.toContain(secret.slice(6));
    expect(lines.join('\n')).toMatch(/"encrypted":1.*plain-text webhook secrets encrypted/);
    expect(lines.join('\n')).not.toContain(secret.slice(6));
    const got = await testSend(restarted.url, tenant.apiKey, id);
    expect(new Webhook(secret).verify(got.body, got.headers)).toMatchObject({ test: true });
  } finally {
    await restarted.close();
  }
});

it('refuses to start with keys that cannot open the stored secrets; a new key listed before the old one works', async () => {
  const tenant = await api.createTenant();
  const as = client(api.url, tenant.apiKey);
  const created = await as('POST', '/v2/webhook-subscriptions', {
    url: `${receiver.url}?keys`,
    eventTypes: ['Account.UPDATE'],
  });
  expect(created.status).toBe(201);

  await expect(
    startAnother({ WEBHOOK_SECRET_KEYS: generateSecretKeyEntry('other') }).started,
  ).rejects.toThrow(SecretKeysMismatchError);
  await expect(
    startAnother({ WEBHOOK_SECRET_KEYS: generateSecretKeyEntry('development') }).started,
  ).rejects.toThrow(/cannot decrypt the webhook secrets stored with key id\(s\) development/);

  // Key rotation: the new key first (it encrypts new secrets), the old one kept to decrypt.
  const next = generateSecretKeyEntry('next');
  const rotated = await startAnother({ WEBHOOK_SECRET_KEYS: `${next},${DEVELOPMENT_SECRET_KEYS}` }).started;
  try {
    const old = await testSend(rotated.url, tenant.apiKey, created.body.id);
    expect(new Webhook(created.body.secret).verify(old.body, old.headers)).toBeTruthy();
    const fresh = await client(rotated.url, tenant.apiKey)('POST', '/v2/webhook-subscriptions', {
      url: `${receiver.url}?next`,
      eventTypes: ['Account.UPDATE'],
    });
    const row = await handle.db
      .selectFrom('webhook_subscriptions')
      .select('secret_key_id')
      .where('id', '=', fresh.body.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_key_id).toBe('next');
  } finally {
    await rotated.close();
  }
  // The API with only the development key now refuses: a secret is stored under `next`.
  await expect(startAnother().started).rejects.toThrow(/key id\(s\) next/);
  await handle.db.deleteFrom('webhook_subscriptions').where('secret_key_id', '=', 'next').execute();
});

it('with NODE_ENV=production and no WEBHOOK_SECRET_KEYS the entry point exits 78 and says why', async () => {
  const main = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
  const child = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      ADMIN_TOKEN,
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(CONFIG_EXIT_CODE);
  expect(output).toMatch(/WEBHOOK_SECRET_KEYS: is required when NODE_ENV=production/);
});
