import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { assertStoredSecretsOpen, createIntakeBatcher } from '@wallet/core';
import { createDb, listen, migrateToLatest, UNLIMITED_DB_TIMEOUTS } from '@wallet/db';
import { callbackIssuers, resolveIssuerConfig } from '@wallet/instruments';
import { createBoss, ensureQueues } from '@wallet/jobs';
import { SecretBox } from '@wallet/webhooks';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import type { Services } from './context.js';
import { KeyCache } from './credentials/key-cache.js';
import { KEY_REVOKED_CHANNEL } from './credentials/repository.js';
import { type ApiEnv, dbTimeouts, secretKeyring } from './env.js';
import { createRateLimits } from './rate-limits/limits.js';
import { webhookPolicy } from './routes/webhook-subscriptions-policy.js';
import { BlackListIndexes } from './screening/black-list-index.js';
import { loadGlobalIndex } from './screening/lists.js';
import { encryptPlaintextSecrets } from './webhook-secrets/start-up.js';

export interface RunningApi {
  url: string;
  /** The Hono app, for tests that walk its routes. */
  app: ReturnType<typeof createApp>;
  services: Services;
  /** Stops taking requests, drains in-flight ones (up to the cap), then closes the pools. */
  close(): Promise<void>;
}

/** Wires the packages into a listening API. main.ts and the tests both start it through here. */
export async function startApi(env: ApiEnv, logger: Logger): Promise<RunningApi> {
  const timeouts = dbTimeouts(env);
  const handle = createDb({
    connectionString: env.DATABASE_URL,
    max: env.DATABASE_POOL_SIZE,
    applicationName: 'wallet-api',
    timeouts,
    onPoolError: (err) => logger.warn({ err }, 'idle database connection lost'),
  });
  // The intake's one statement (see createIntakeBatcher) on a small pool of its own with generic
  // plans: on the main pool PostgreSQL re-planned it on every call (its parameters are arrays).
  const intakeHandle = createDb({
    connectionString: env.DATABASE_URL,
    max: 4,
    applicationName: 'wallet-api-intake',
    genericPlans: true,
    timeouts,
    onPoolError: (err) => logger.warn({ err }, 'idle database connection lost'),
  });
  // /readyz's own connection; it waits at most as long as the probe does.
  const readinessHandle = createDb({
    connectionString: env.DATABASE_URL,
    max: 1,
    applicationName: 'wallet-api-readyz',
    timeouts: { ...timeouts, statementTimeoutMs: 2_000, connectionTimeoutMs: 2_000 },
    onPoolError: (err) => logger.warn({ err }, 'idle database connection lost'),
  });
  if (env.RUN_MIGRATIONS) {
    // Migrations on a connection of their own without the statement and lock limits: a migration may
    // rightly run longer than any request.
    const migrator = createDb({
      connectionString: env.DATABASE_URL,
      max: 1,
      applicationName: 'wallet-api-migrate',
      timeouts: UNLIMITED_DB_TIMEOUTS,
    });
    try {
      await migrateToLatest(migrator.db);
    } finally {
      await migrator.destroy();
    }
  }
  const secretBox = new SecretBox(secretKeyring(env));
  try {
    await assertStoredSecretsOpen(handle.db, secretBox);
    const encrypted = await encryptPlaintextSecrets(handle.db, secretBox);
    if (encrypted > 0) logger.info({ encrypted }, 'plain-text webhook secrets encrypted');
  } catch (err) {
    await Promise.all([handle.destroy(), intakeHandle.destroy(), readinessHandle.destroy()]);
    throw err;
  }
  const boss = createBoss({
    connectionString: env.DATABASE_URL,
    applicationName: 'wallet-api-jobs',
    timeouts,
  });
  boss.on('error', (err) => logger.warn({ err }, 'pg-boss error'));
  await boss.start();
  await ensureQueues(boss);

  let adminToken = env.ADMIN_TOKEN;
  if (!adminToken) {
    adminToken = randomBytes(24).toString('base64url');
    // Development only (production refuses to start without one). Printed to the terminal, never logged.
    process.stderr.write(`ADMIN_TOKEN was not set; generated one for this run: ${adminToken}\n`);
  }
  const lists = await loadGlobalIndex({
    sanctionsDir: env.SCREENING_LIST_PATH,
    pepDir: env.SCREENING_PEP_LIST_PATH,
  });
  logger.info({ entries: lists.entries }, 'screening lists indexed');
  // Revocations from any API process (NOTIFY in the revoking transaction) reach this one's cache.
  const keyCache = new KeyCache(env.API_KEY_CACHE_TTL_MS);
  const revocations = await listen({
    connectionString: env.DATABASE_URL,
    channel: KEY_REVOKED_CHANNEL,
    applicationName: 'wallet-api-listen',
    onNotification: (keyId) => keyCache.forgetKey(keyId),
    onStateChange: (listening) => {
      keyCache.clear();
      keyCache.enabled = listening;
      if (!listening) logger.warn('revocation listener lost; API keys are not cached until it is back');
    },
    onError: (err) => logger.warn({ err }, 'revocation listener error'),
  });
  const services: Services = {
    db: handle.db,
    readiness: readinessHandle.db,
    intake: createIntakeBatcher({ pool: intakeHandle.pool, boss }, { maxWaiting: env.INTAKE_MAX_WAITING }),
    boss,
    logger,
    adminToken,
    keyCache,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    rateLimits: createRateLimits(handle.pool, {
      perTenant: env.RATE_LIMIT_PER_MINUTE,
      authFailures: env.AUTH_FAILURES_PER_MINUTE,
      admin: env.ADMIN_RATE_LIMIT_PER_MINUTE,
    }),
    webhooks: webhookPolicy(env, secretBox),
    issuerSecrets: new Map(
      [...callbackIssuers(resolveIssuerConfig(env.INSTRUMENT_ISSUERS, env.NODE_ENV))].map(([name, c]) => [
        name,
        c.secret,
      ]),
    ),
    screening: {
      global: lists.index,
      globalVersion: lists.version,
      blackLists: new BlackListIndexes({ maxCachedEntries: env.BLACK_LIST_CACHE_MAX_ENTRIES }),
      blackListMaxEntries: env.BLACK_LIST_MAX_ENTRIES,
    },
  };
  const app = createApp(services);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: env.PORT,
        hostname: env.HOST,
        // Slow clients (slowloris) are cut off with 408: headers and body within the timeout. Node checks
        // on an interval (30 s by default), so the interval follows the timeout.
        serverOptions: {
          requestTimeout: env.REQUEST_TIMEOUT_MS,
          headersTimeout: env.REQUEST_TIMEOUT_MS,
          connectionsCheckingInterval: Math.min(1_000, Math.ceil(env.REQUEST_TIMEOUT_MS / 2)),
        },
      },
      () => resolve(s),
    );
    // EADDRINUSE and the like reject the start instead of crashing the process from an event.
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST;
  logger.info({ port }, 'api listening');

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    app,
    services,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const cap = new Promise<void>((resolve) => setTimeout(resolve, env.SHUTDOWN_TIMEOUT_MS).unref());
      if ('closeIdleConnections' in server) server.closeIdleConnections();
      await Promise.race([closed, cap]);
      await revocations.close();
      await boss.stop({ graceful: true, timeout: 5_000 });
      await intakeHandle.destroy();
      await readinessHandle.destroy();
      await handle.destroy();
    },
  };
}
