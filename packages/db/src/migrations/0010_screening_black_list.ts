import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per tenant with a black list: a version every change bumps (in the change's own
    -- transaction), so every API replica sees a change at its next screening by one primary-key
    -- read, and the entry count the per-tenant cap is checked against under the row's lock.
    CREATE TABLE black_list_versions (
      tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
      version bigint NOT NULL DEFAULT 0,
      entries integer NOT NULL DEFAULT 0 CHECK (entries >= 0)
    );
    INSERT INTO black_list_versions (tenant_id, version, entries)
      SELECT tenant_id, 1, count(*) FROM black_list_entries GROUP BY tenant_id;

    -- The list endpoint pages in creation order.
    CREATE INDEX black_list_entries_page_idx ON black_list_entries (tenant_id, created_at, id);
  `.execute(db);
}
