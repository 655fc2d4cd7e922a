import type { ApiKeyRow, Database, TenantRow } from '@wallet/db';
import { type Kysely, sql } from 'kysely';

/** The channel on which a revocation is announced to every API process (LISTEN/NOTIFY). */
export const KEY_REVOKED_CHANNEL = 'wallet_api_key_revoked';

export type KeyWithTenant = ApiKeyRow & { tenant: TenantRow };

/**
 * Keys that may be the presented one: today's keys by their prefix, keys migrated from
 * `tenants.api_key_hash` (no prefix) by their hash. The caller compares hashes in constant time.
 */
export async function findKeyCandidates(
  db: Kysely<Database>,
  prefix: string | undefined,
  hash: string,
): Promise<KeyWithTenant[]> {
  const rows = await db
    .selectFrom('api_keys as k')
    .innerJoin('tenants as t', 't.id', 'k.tenant_id')
    .selectAll('k')
    .select([
      't.name as tenant_name',
      't.api_key_hash as tenant_api_key_hash',
      't.created_at as tenant_created_at',
    ])
    .where((eb) =>
      prefix === undefined
        ? eb.and([eb('k.prefix', 'is', null), eb('k.key_hash', '=', hash)])
        : eb.or([
            eb('k.prefix', '=', prefix),
            eb.and([eb('k.prefix', 'is', null), eb('k.key_hash', '=', hash)]),
          ]),
    )
    .where('k.revoked_at', 'is', null)
    .execute();
  return rows.map(({ tenant_name, tenant_api_key_hash, tenant_created_at, ...key }) => ({
    ...key,
    tenant: {
      id: key.tenant_id,
      name: tenant_name,
      api_key_hash: tenant_api_key_hash,
      created_at: tenant_created_at,
    },
  }));
}

/** Records use at most once a minute per key, so a busy key costs no write per request. */
export async function touchKey(db: Kysely<Database>, keyId: string): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: sql<Date>`now()` })
    .where('id', '=', keyId)
    .where((eb) =>
      eb.or([
        eb('last_used_at', 'is', null),
        eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`),
      ]),
    )
    .execute();
}

export async function insertKey(
  db: Kysely<Database>,
  key: { tenantId: string; hash: string; prefix: string; label?: string; expiresAt?: string },
): Promise<ApiKeyRow> {
  return db
    .insertInto('api_keys')
    .values({
      tenant_id: key.tenantId,
      key_hash: key.hash,
      prefix: key.prefix,
      label: key.label ?? null,
      expires_at: key.expiresAt ? new Date(key.expiresAt.toUpperCase()) : null,
    })
    .onConflict((oc) =>
      // The tenant-insert trigger may have made the row already (POST /admin/tenants): give it its prefix.
      oc.column('key_hash').doUpdateSet({ prefix: key.prefix, label: key.label ?? 'initial' }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Revokes a key and announces it to every API process in the same transaction (NOTIFY is delivered
 * at commit). Answers false when the tenant has no such active key. With `keepOne`, refuses to revoke
 * the tenant's last active key (answers 'last').
 */
export async function revokeKey(
  db: Kysely<Database>,
  tenantId: string,
  keyId: string,
  options: { keepOne: boolean },
): Promise<'revoked' | 'not_found' | 'last'> {
  return db.transaction().execute(async (trx) => {
    // Lock the tenant's active keys so that two concurrent revocations cannot both leave zero.
    const active = await trx
      .selectFrom('api_keys')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('revoked_at', 'is', null)
      .forUpdate()
      .execute();
    if (!active.some((k) => k.id === keyId)) return 'not_found';
    if (options.keepOne && active.length === 1) return 'last';
    await trx.updateTable('api_keys').set({ revoked_at: sql<Date>`now()` }).where('id', '=', keyId).execute();
    await sql`SELECT pg_notify(${KEY_REVOKED_CHANNEL}, ${keyId})`.execute(trx);
    return 'revoked';
  });
}

export async function findTenantByName(db: Kysely<Database>, name: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').selectAll().where('name', '=', name).executeTakeFirst();
}
