import { createDb, type DbHandle } from '@wallet/db';
import type { NotificationMessageType, NotificationState, NotificationType } from '@wallet/domain';
import { sql } from 'kysely';
import { client, startTestApi, type TestApi } from './harness.js';

type Call = ReturnType<typeof client>;

export interface Seed {
  messageType: NotificationMessageType;
  type: NotificationType;
  state?: NotificationState;
  link?: string;
  /** Epoch milliseconds; default now. */
  createdAt?: number;
  updatedAt?: number;
}

interface TenantSide {
  name: string;
  id: string;
  call: Call;
  /** A new customer of this tenant; its id. */
  customer(): Promise<string>;
  /** `/v1/{this tenant}/accounts/{userId}/notifications` plus `rest`. */
  feed(userId: string, rest?: string): string;
}

export interface NotificationWorld {
  api: TestApi;
  handle: DbHandle;
  mine: TenantSide;
  theirs: TenantSide;
  /** Rows written directly, with chosen times, for ordering tests; their ids in the given order. */
  seed(side: TenantSide, userId: string, rows: Seed[]): Promise<string[]>;
  stop(): Promise<void>;
}

let customers = 0;

async function side(api: TestApi, handle: DbHandle): Promise<TenantSide> {
  const tenant = await api.createTenant();
  const row = await handle.db
    .selectFrom('tenants')
    .select('id')
    .where('name', '=', tenant.name)
    .executeTakeFirstOrThrow();
  const call = client(api.url, tenant.apiKey);
  return {
    name: tenant.name,
    id: row.id,
    call,
    async customer() {
      const externalId = `feed-${process.pid}-${++customers}`;
      const res = await call('POST', '/v2/customer-persons', {
        externalId,
        email: 'a@b.co',
        registrationIp: '198.51.100.7',
      });
      if (res.status !== 201) throw new Error(`customer creation failed: ${res.status} ${res.text}`);
      return res.body.id as string;
    },
    feed: (userId, rest = '') => `/v1/${tenant.name}/accounts/${userId}/notifications${rest}`,
  };
}

export async function notificationWorld(overrides: Record<string, string> = {}): Promise<NotificationWorld> {
  const api = await startTestApi(overrides);
  const handle = createDb({ connectionString: api.database.connectionString, max: 2 });
  const mine = await side(api, handle);
  const theirs = await side(api, handle);
  return {
    api,
    handle,
    mine,
    theirs,
    async seed(owner, userId, rows) {
      const ids: string[] = [];
      for (const r of rows) {
        const at = (ms: number | undefined) =>
          ms === undefined ? sql<Date>`date_trunc('milliseconds', now())` : new Date(ms);
        const inserted = await handle.db
          .insertInto('notifications')
          .values({
            tenant_id: owner.id,
            customer_id: userId,
            message_type: r.messageType,
            type: r.type,
            state: r.state ?? 'UNSEEN',
            link: r.link ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        // created_at is never written by the application; tests place rows in time here.
        await sql`UPDATE notifications SET created_at = ${at(r.createdAt)}, updated_at = ${at(r.updatedAt ?? r.createdAt)}
          WHERE id = ${inserted.id}`.execute(handle.db);
        ids.push(inserted.id);
      }
      return ids;
    },
    async stop() {
      await handle.destroy();
      await api.stop();
    },
  };
}
