import { Writable } from 'node:stream';
import {
  createTestDatabase,
  startTcpProxy,
  type TcpProxy,
  type TestDatabase,
  viaProxy,
} from '@wallet/testkit';
import type { Logger } from 'pino';
import { apiEnvSchema } from '../env.js';
import { createLogger } from '../logger.js';
import { type RunningApi, startApi } from '../server.js';
import { checkResponsesOf } from './contract-check.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestApi extends RunningApi {
  database: TestDatabase;
  /** The API reaches its database through this proxy: cut() it to simulate an outage. */
  databaseProxy: TcpProxy;
  /** Every log line the API wrote, for assertions that secrets never appear. */
  logLines: string[];
  /** Creates a tenant through the admin API and returns its key. */
  createTenant(name?: string): Promise<{ name: string; apiKey: string }>;
  stop(): Promise<void>;
}

let tenantCounter = 0;

/** The real API on a loopback port, over its own freshly migrated database. */
export async function startTestApi(overrides: Record<string, string> = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  const target = new URL(database.connectionString);
  const databaseProxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const env = apiEnvSchema.parse({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: viaProxy(database.connectionString, databaseProxy),
    ADMIN_TOKEN,
    LOG_LEVEL: 'info',
    RUN_MIGRATIONS: 'false',
    // Suites probe 401s and create tenants by the hundred from one address: those limits are off
    // unless a suite turns them on (rate-limit tests do).
    AUTH_FAILURES_PER_MINUTE: '0',
    ADMIN_RATE_LIMIT_PER_MINUTE: '0',
    ...overrides,
  });
  const logger: Logger = createLogger({ level: env.LOG_LEVEL, name: 'api' }, sink);
  const api = await startApi(env, logger);
  // Every response a suite fetches from this API is checked against /openapi.json, strictly.
  checkResponsesOf(api.url);
  return {
    ...api,
    database,
    databaseProxy,
    logLines,
    async createTenant(name = `tenant-${process.pid}-${++tenantCounter}`) {
      const res = await fetch(`${api.url}/admin/tenants`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });
      if (res.status !== 201) throw new Error(`tenant creation failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as { name: string; apiKey: string };
    },
    async stop() {
      await api.close();
      await databaseProxy.close();
      await database.drop();
    },
  };
}

/** A small JSON client bound to one API key. */
export function client(baseUrl: string, apiKey?: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(apiKey && { authorization: `Bearer ${apiKey}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response shapes
    return { status: res.status, headers: res.headers, body: json as any, text };
  };
}
