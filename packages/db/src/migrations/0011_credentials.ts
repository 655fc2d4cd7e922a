import { type Kysely, sql } from 'kysely';

/**
 * Many API keys per tenant (issue 19). Each tenant's single `tenants.api_key_hash` becomes its first
 * key, so existing keys keep working; that column stays (nullable) for compatibility, and a trigger
 * turns a hash written there by a tenant insert into a key row, so code and fixtures that create
 * tenants directly keep producing keys that authenticate. Authentication reads `api_keys` only.
 * `prefix` is the key's first characters, shown in lists and used to find it; keys created before
 * this migration have none (it was never stored) and are found by their hash. `rate_limits` holds
 * the counters of the limits every API replica shares; `idempotency_keys` the Idempotency-Key answers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants(id),
      key_hash text NOT NULL UNIQUE,
      prefix text,
      label varchar(100),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX api_keys_prefix_idx ON api_keys (prefix) WHERE prefix IS NOT NULL;
    CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id, created_at);

    INSERT INTO api_keys (tenant_id, key_hash, label, created_at)
      SELECT id, api_key_hash, 'initial', created_at FROM tenants WHERE api_key_hash IS NOT NULL;

    ALTER TABLE tenants ALTER COLUMN api_key_hash DROP NOT NULL;

    CREATE FUNCTION tenants_initial_api_key() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO api_keys (tenant_id, key_hash, label)
        VALUES (NEW.id, NEW.api_key_hash, 'initial')
        ON CONFLICT (key_hash) DO NOTHING;
      RETURN NULL;
    END $$;
    CREATE TRIGGER tenants_initial_api_key AFTER INSERT ON tenants
      FOR EACH ROW WHEN (NEW.api_key_hash IS NOT NULL) EXECUTE FUNCTION tenants_initial_api_key();

    -- Rate-limit counters shared by every API replica, in rate-limiter-flexible's PostgreSQL layout
    -- (key, points, expire in epoch ms). UNLOGGED: counters need no WAL and may be lost in a crash.
    CREATE UNLOGGED TABLE rate_limits (
      key varchar(255) PRIMARY KEY,
      points integer NOT NULL DEFAULT 0,
      expire bigint
    );

    -- Idempotency-Key of POSTs that create something, per tenant: the request's fingerprint and, once
    -- answered, the stored answer (status null while the first request is still running).
    CREATE TABLE idempotency_keys (
      tenant_id uuid NOT NULL REFERENCES tenants(id),
      key text NOT NULL,
      fingerprint text NOT NULL,
      status integer,
      response_body text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, key)
    );
  `.execute(db);
}
