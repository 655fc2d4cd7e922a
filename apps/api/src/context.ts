import type { IntakeBatcher } from '@wallet/core';
import type { Database, TenantRow } from '@wallet/db';
import type { PgBoss } from '@wallet/jobs';
import type { ScreeningIndex } from '@wallet/screening';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { KeyCache } from './credentials/key-cache.js';
import type { RateLimits } from './rate-limits/limits.js';
import type { WebhookPolicy } from './routes/webhook-subscriptions-policy.js';
import type { BlackListIndexes } from './screening/black-list-index.js';

/** What routes may use; built once in main.ts (or by a test harness) and passed to createApp. */
export interface Services {
  db: Kysely<Database>;
  /** A pool of one connection of its own for /readyz, so that a saturated main pool does not look like a dead database. */
  readiness: Kysely<Database>;
  /** Change notifications are stored in groups under load (group commit); see @wallet/core. */
  intake: IntakeBatcher;
  boss: PgBoss;
  logger: Logger;
  adminToken: string;
  /** API keys this process resolved; revocations arrive over LISTEN/NOTIFY (see server.ts). */
  keyCache: KeyCache;
  bodyLimitBytes: number;
  requestTimeoutMs: number;
  /** Shared by every replica (counted in PostgreSQL). */
  rateLimits: RateLimits;
  webhooks: WebhookPolicy;
  /** Standard Webhooks secret of each callback issuer, by the `{issuer}` of its callback path. */
  issuerSecrets: ReadonlyMap<string, string>;
  /** Sanctions and PEP lists, indexed at start-up, and each tenant's black list. */
  screening: {
    global: ScreeningIndex;
    /** Version of the global lists (see `listVersion`), stored with each screening. */
    globalVersion?: string;
    blackLists: BlackListIndexes;
    /** Most entries one tenant's black list may hold (`BLACK_LIST_MAX_ENTRIES`). */
    blackListMaxEntries?: number;
  };
}

export interface AppEnv {
  Variables: {
    services: Services;
    requestId: string;
    logger: Logger;
    tenant: TenantRow;
    /** The id of the API key the request authenticated with. */
    apiKeyId: string;
    /** The request body, once read (see bodyText). */
    bodyText?: string;
  };
}
