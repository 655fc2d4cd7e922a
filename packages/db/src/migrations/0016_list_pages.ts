import { type Kysely, sql } from 'kysely';

/**
 * The lists page by keyset (`@wallet/core` list-pages.ts): each page is a range scan of one index in
 * the list's order, however deep the page. Subscriptions, deliveries and the black list had theirs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX customers_tenant_page_idx ON customers (tenant_id, id);
    CREATE INDEX api_keys_tenant_page_idx ON api_keys (tenant_id, created_at, id) WHERE revoked_at IS NULL;
    -- Tenants are listed in byte order, whatever the server's locale.
    CREATE INDEX tenants_name_bytes_idx ON tenants ((name COLLATE "C"));
  `.execute(db);
}
