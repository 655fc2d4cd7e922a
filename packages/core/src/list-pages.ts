import type {
  AccountRow,
  ApiKeyRow,
  BlackListEntryRow,
  CustomerRow,
  Database,
  VirtualAccountAssignmentRow,
  WebhookDeliveryRow,
  WebhookSubscriptionRow,
} from '@wallet/db';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { loadInstrumentRequests } from './customer-records.js';

/**
 * Keyset pages of the API's lists. Each list has one fixed order with a unique last column (the id),
 * and a page is the `limit` rows that sort after the previous page's last row: a row inserted
 * between two requests shows up once, in its place, and none is skipped or repeated, as an offset
 * would do. Every query reads one row more than asked, to know whether a next page exists.
 */
export interface Page<Row, Key extends readonly string[]> {
  rows: Row[];
  /** The sort key of the last row when more rows follow; undefined on the last page. */
  nextKey: Key | undefined;
}

export interface PageRequest<Key> {
  limit: number;
  after?: Key | undefined;
}

type Micros = { sort_micros: string };

function pageOf<Row, Key extends readonly string[]>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => Key,
): Page<Row, Key> {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return { rows: kept, nextKey: rows.length > limit && last ? keyOf(last) : undefined };
}

/** created_at as epoch microseconds: a JavaScript Date keeps only milliseconds. */
function micros(table: string): RawBuilder<string> {
  return sql<string>`(extract(epoch from ${sql.ref(`${table}.created_at`)}) * 1000000)::bigint::text`;
}

/** `(created_at, id) > (the cursor's)`, compared in PostgreSQL at microsecond precision. */
function afterCreated(table: string, key: readonly [string, string]): RawBuilder<boolean> {
  const at = sql`timestamptz 'epoch' + ${key[0]}::bigint * interval '1 microsecond'`;
  return sql<boolean>`(${sql.ref(`${table}.created_at`)}, ${sql.ref(`${table}.id`)}) > (${at}, ${key[1]}::uuid)`;
}

function stripMicros<Row>(row: Row & Micros): Row {
  const { sort_micros: _, ...rest } = row;
  return rest as Row;
}

/** A tenant's customers by id, optionally only the one with an externalId. */
export async function listCustomersPage(
  db: Kysely<Database>,
  tenantId: string,
  request: PageRequest<readonly [string]> & { externalId?: string | undefined },
): Promise<Page<CustomerRow, readonly [string]>> {
  let query = db.selectFrom('customers').selectAll().where('tenant_id', '=', tenantId);
  if (request.externalId !== undefined) query = query.where('external_id', '=', request.externalId);
  if (request.after) query = query.where('id', '>', request.after[0]);
  const rows = await query
    .orderBy('id')
    .limit(request.limit + 1)
    .execute();
  return pageOf(rows, request.limit, (row) => [String(row.id)] as const);
}

/** A customer's accounts in id order (opening order), each with its instrument requests. */
export async function listAccountsPage(
  db: Kysely<Database>,
  customerId: string,
  request: PageRequest<readonly [string]>,
): Promise<Page<AccountRow, readonly [string]> & { assignments: VirtualAccountAssignmentRow[] }> {
  let query = db.selectFrom('accounts').selectAll().where('customer_id', '=', customerId);
  if (request.after) query = query.where('id', '>', request.after[0]);
  const rows = await query
    .orderBy('id')
    .limit(request.limit + 1)
    .execute();
  const page = pageOf(rows, request.limit, (row) => [String(row.id)] as const);
  const assignments = await loadInstrumentRequests(
    db,
    page.rows.map((a) => a.id),
  );
  return { ...page, assignments };
}

/** A tenant's webhook subscriptions, oldest first. */
export async function listWebhookSubscriptionsPage(
  db: Kysely<Database>,
  tenantId: string,
  request: PageRequest<readonly [string, string]>,
): Promise<Page<WebhookSubscriptionRow, readonly [string, string]>> {
  let query = db
    .selectFrom('webhook_subscriptions')
    .selectAll()
    .select(micros('webhook_subscriptions').as('sort_micros'))
    .where('tenant_id', '=', tenantId);
  if (request.after) query = query.where(afterCreated('webhook_subscriptions', request.after));
  const rows = await query
    .orderBy('created_at')
    .orderBy('id')
    .limit(request.limit + 1)
    .execute();
  const page = pageOf(rows, request.limit, (row) => [row.sort_micros, row.id] as const);
  return { ...page, rows: page.rows.map(stripMicros) };
}

/** A subscription's deliveries, newest first (by id), optionally those of one event. */
export async function listWebhookDeliveriesPage(
  db: Kysely<Database>,
  subscriptionId: string,
  request: PageRequest<readonly [string]> & { eventId?: string | undefined },
): Promise<Page<WebhookDeliveryRow & { event_type: string }, readonly [string]>> {
  let query = db
    .selectFrom('webhook_deliveries')
    .innerJoin('events', 'events.event_id', 'webhook_deliveries.event_id')
    .selectAll('webhook_deliveries')
    .select('events.event_type')
    .where('subscription_id', '=', subscriptionId);
  if (request.eventId !== undefined) query = query.where('webhook_deliveries.event_id', '=', request.eventId);
  if (request.after) query = query.where('webhook_deliveries.id', '<', request.after[0]);
  const rows = await query
    .orderBy('webhook_deliveries.id', 'desc')
    .limit(request.limit + 1)
    .execute();
  return pageOf(rows, request.limit, (row) => [String(row.id)] as const);
}

/**
 * A tenant's black list in creation order. `after` is a cursor's key, or (as earlier versions paged)
 * an entry id; undefined when that entry is not the tenant's.
 */
export async function listBlackListPage(
  db: Kysely<Database>,
  tenantId: string,
  request: PageRequest<{ key: readonly [string, string] } | { entryId: string }>,
): Promise<Page<BlackListEntryRow, readonly [string, string]> | undefined> {
  let query = db
    .selectFrom('black_list_entries')
    .selectAll()
    .select(micros('black_list_entries').as('sort_micros'))
    .where('tenant_id', '=', tenantId);
  const after = request.after;
  if (after && 'entryId' in after) {
    const from = await db
      .selectFrom('black_list_entries')
      .select(micros('black_list_entries').as('sort_micros'))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', after.entryId)
      .executeTakeFirst();
    if (!from) return undefined;
    query = query.where(afterCreated('black_list_entries', [from.sort_micros, after.entryId]));
  } else if (after) {
    query = query.where(afterCreated('black_list_entries', after.key));
  }
  const rows = await query
    .orderBy('created_at')
    .orderBy('id')
    .limit(request.limit + 1)
    .execute();
  const page = pageOf(rows, request.limit, (row) => [row.sort_micros, row.id] as const);
  return { ...page, rows: page.rows.map(stripMicros) };
}

/** A tenant's keys that are not revoked, oldest first. */
export async function listActiveApiKeysPage(
  db: Kysely<Database>,
  tenantId: string,
  request: PageRequest<readonly [string, string]>,
): Promise<Page<ApiKeyRow, readonly [string, string]>> {
  let query = db
    .selectFrom('api_keys')
    .selectAll()
    .select(micros('api_keys').as('sort_micros'))
    .where('tenant_id', '=', tenantId)
    .where('revoked_at', 'is', null);
  if (request.after) query = query.where(afterCreated('api_keys', request.after));
  const rows = await query
    .orderBy('created_at')
    .orderBy('id')
    .limit(request.limit + 1)
    .execute();
  const page = pageOf(rows, request.limit, (row) => [row.sort_micros, row.id] as const);
  return { ...page, rows: page.rows.map(stripMicros) };
}

export interface TenantSummary {
  id: string;
  name: string;
  created_at: Date;
}

/** Every tenant, by name (names are unique). */
export async function listTenantsPage(
  db: Kysely<Database>,
  request: PageRequest<readonly [string]>,
): Promise<Page<TenantSummary, readonly [string]>> {
  let query = db.selectFrom('tenants').select(['id', 'name', 'created_at']);
  // COLLATE "C": the order of bytes, the same on every server whatever its locale.
  if (request.after) query = query.where(sql<boolean>`name COLLATE "C" > ${request.after[0]} COLLATE "C"`);
  const rows = await query
    .orderBy(sql`name COLLATE "C"`)
    .limit(request.limit + 1)
    .execute();
  return pageOf(rows, request.limit, (row) => [row.name] as const);
}
