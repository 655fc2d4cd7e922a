import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { CONFIG_EXIT_CODE } from '@wallet/logging';
import {
  DEVELOPMENT_SECRET_KEYS,
  generateSecret,
  generateSecretKeyEntry,
  parseSecretKeys,
  SecretBox,
  SecretKeysMismatchError,
  subscriptionSecretContext,
  verifyAccountUpdate,
} from '@wallet/webhooks';
import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDispatcher, startDispatcher } from './dispatcher.js';
import { createWorld, memoryLogger, sleep, testEnv, type World, waitFor } from './testing/fixtures.js';
import { type ReceivedRequest, type Receiver, startReceiver } from './testing/receiver.js';

// The dispatcher of testEnv has no WEBHOOK_SECRET_KEYS: it runs with the development key, as the
// world's subscriptions are sealed with.
const box = new SecretBox(parseSecretKeys(DEVELOPMENT_SECRET_KEYS));
let world: World;
let dispatcher: RunningDispatcher;
let logLines: string[];
const receivers: Receiver[] = [];

beforeAll(async () => {
  world = await createWorld();
  const { logger, lines } = memoryLogger();
  logLines = lines;
  dispatcher = await startDispatcher(testEnv(world.database.connectionString), logger);
});
afterAll(async () => {
  await dispatcher.stop();
  for (const r of receivers) await r.close();
  await world.close();
});

async function receiver() {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

function headersOf(request: ReceivedRequest) {
  return {
    'webhook-id': String(request.headers['webhook-id']),
    'webhook-timestamp': String(request.headers['webhook-timestamp']),
    'webhook-signature': String(request.headers['webhook-signature']),
  };
}

/** What the API's rotation writes: a new sealed secret, the old one kept as previous until `expires`. */
async function rotateInDatabase(subscriptionId: string, expires: 'in an hour' | 'already') {
  const secret = generateSecret();
  const sealed = box.seal(secret, subscriptionSecretContext(subscriptionId));
  await sql`
    UPDATE webhook_subscriptions SET
      previous_secret_ciphertext = secret_ciphertext, previous_secret_key_id = secret_key_id,
      previous_secret_expires_at = now() + ${expires === 'already' ? '-1 second' : '1 hour'}::interval,
      secret_ciphertext = ${sealed.ciphertext}, secret_key_id = ${sealed.keyId}, secret_rotated_at = now()
    WHERE id = ${subscriptionId}`.execute(world.handle.db);
  return secret;
}

describe('signing with stored secrets', () => {
  it('during a rotation’s grace a delivery verifies with the old and the new secret; after it, only the new', async () => {
    const r = await receiver();
    const tenant = await world.createTenant();
    const sub = await world.subscribe(tenant, r.url);
    const { customerId } = await world.createCustomer(tenant, ['EUR']);
    const newSecret = await rotateInDatabase(sub.id, 'in an hour');

    const [duringGrace] = await world.toggle(tenant, customerId);
    await waitFor('the delivery in the grace period', () => r.requests.length === 1);
    const during = r.requests[0] as ReceivedRequest;
    expect(during.eventId).toBe(duringGrace);
    expect(headersOf(during)['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+ v1,[A-Za-z0-9+/=]+$/);
    // As a subscriber would check it: the standardwebhooks library, with either secret.
    expect(new Webhook(newSecret).verify(during.body, headersOf(during))).toMatchObject({
      eventId: duringGrace,
    });
    expect(new Webhook(sub.secret).verify(during.body, headersOf(during))).toMatchObject({
      eventId: duringGrace,
    });
    expect(() => new Webhook(generateSecret()).verify(during.body, headersOf(during))).toThrow();
    // The body signature is the old secret's until the grace ends; both secrets together verify all.
    expect(verifyAccountUpdate(sub.secret, during.body, during.headers).eventId).toBe(duringGrace);
    expect(verifyAccountUpdate([newSecret, sub.secret], during.body, during.headers).eventId).toBe(
      duringGrace,
    );

    // The grace ends (moved into the past): one signature, the new secret's, header and body.
    await sql`UPDATE webhook_subscriptions SET previous_secret_expires_at = now() - interval '1 second'
      WHERE id = ${sub.id}`.execute(world.handle.db);
    const [afterGrace] = await world.toggle(tenant, customerId);
    await waitFor('the delivery after the grace period', () => r.requests.length === 2);
    const after = r.requests[1] as ReceivedRequest;
    expect(after.eventId).toBe(afterGrace);
    expect(headersOf(after)['webhook-signature']).not.toContain(' ');
    expect(new Webhook(newSecret).verify(after.body, headersOf(after))).toMatchObject({
      eventId: afterGrace,
    });
    expect(() => new Webhook(sub.secret).verify(after.body, headersOf(after))).toThrow();
    expect(verifyAccountUpdate(newSecret, after.body, after.headers).eventId).toBe(afterGrace);
    expect(() => verifyAccountUpdate(sub.secret, after.body, after.headers)).toThrow();

    const log = logLines.join('\n');
    for (const secret of [sub.secret, newSecret]) {
      expect(log).not.toContain(secret.slice(6));
    }
  });

  it('an expired previous secret never signs, even on the first delivery after the rotation', async () => {
    const r = await receiver();
    const tenant = await world.createTenant();
    const sub = await world.subscribe(tenant, r.url);
    const { customerId } = await world.createCustomer(tenant, ['EUR']);
    const newSecret = await rotateInDatabase(sub.id, 'already');
    await world.toggle(tenant, customerId);
    await waitFor('the delivery', () => r.requests.length === 1);
    const request = r.requests[0] as ReceivedRequest;
    expect(new Webhook(newSecret).verify(request.body, headersOf(request))).toBeTruthy();
    expect(() => new Webhook(sub.secret).verify(request.body, headersOf(request))).toThrow();
  });

  it('signs with a plain-text secret from before encryption at rest (not swept yet)', async () => {
    const r = await receiver();
    const tenant = await world.createTenant();
    const secret = generateSecret();
    await world.handle.db
      .insertInto('webhook_subscriptions')
      .values({ tenant_id: tenant, url: r.url, event_types: ['Account.UPDATE'], secret, max_attempts: 3 })
      .execute();
    const { customerId } = await world.createCustomer(tenant, ['EUR']);
    const [eventId] = await world.toggle(tenant, customerId);
    await waitFor('the delivery', () => r.requests.length === 1);
    const request = r.requests[0] as ReceivedRequest;
    expect(verifyAccountUpdate(secret, request.body, request.headers).eventId).toBe(eventId);
  });

  it('a secret under a key this dispatcher lacks is not sent and spends no attempt; the error names the key id only', async () => {
    const r = await receiver();
    const tenant = await world.createTenant();
    const foreign = new SecretBox(parseSecretKeys(generateSecretKeyEntry('elsewhere')));
    const id = randomUUID();
    const secret = generateSecret();
    const sealed = foreign.seal(secret, subscriptionSecretContext(id));
    await world.handle.db
      .insertInto('webhook_subscriptions')
      .values({
        id,
        tenant_id: tenant,
        url: r.url,
        event_types: ['Account.UPDATE'],
        secret_ciphertext: sealed.ciphertext,
        secret_key_id: sealed.keyId,
        max_attempts: 3,
      })
      .execute();
    const { customerId } = await world.createCustomer(tenant, ['EUR']);
    await world.toggle(tenant, customerId);
    await waitFor('the failed delivery logged', () =>
      logLines.some((line) => line.includes('no key with id elsewhere')),
    );
    await sleep(300);
    expect(r.requests).toHaveLength(0);
    const delivery = await world.handle.db
      .selectFrom('webhook_deliveries')
      .select(['state', 'attempt_count'])
      .where('subscription_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(delivery).toEqual({ state: 'PENDING', attempt_count: 0 });
    expect(logLines.join('\n')).not.toContain(secret.slice(6));
    // Left for a dispatcher with the key; removed here so the other suites' dispatcher stays quiet.
    await world.handle.db.deleteFrom('webhook_subscriptions').where('id', '=', id).execute();
  });
});

describe('start-up with keys', () => {
  it('refuses to start when its keys cannot open the stored secrets (unknown id, or another key under the id)', async () => {
    // The world holds secrets under the development key id.
    const { logger } = memoryLogger();
    const url = world.database.connectionString;
    const unknownId = testEnv(url, { WEBHOOK_SECRET_KEYS: generateSecretKeyEntry('other') });
    await expect(startDispatcher(unknownId, logger)).rejects.toThrow(SecretKeysMismatchError);
    const impostor = testEnv(url, { WEBHOOK_SECRET_KEYS: generateSecretKeyEntry('development') });
    await expect(startDispatcher(impostor, logger)).rejects.toThrow(/key id\(s\) development/);
    // A new current key with the old one still listed starts (key rotation).
    const rotated = testEnv(url, {
      WEBHOOK_SECRET_KEYS: `${generateSecretKeyEntry('next')},${DEVELOPMENT_SECRET_KEYS}`,
    });
    const second = await startDispatcher(rotated, logger);
    await second.stop();
  });

  it('with NODE_ENV=production and no WEBHOOK_SECRET_KEYS the entry point exits 78 and says why', async () => {
    const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
    const child = spawn(process.execPath, [main], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
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
});
