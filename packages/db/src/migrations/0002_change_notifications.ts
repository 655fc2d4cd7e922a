import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Seed 000's notifications, as the partner sent them; the compliance worker turns each into
    -- restrictions and stamps processed_at in the same transaction, so a redelivered job is a no-op.
    CREATE TABLE change_notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants(id),
      customer_id bigint NOT NULL REFERENCES customers(id),
      change_type text NOT NULL,
      change_time timestamptz NOT NULL,
      idempotency_key text,
      created_at timestamptz NOT NULL DEFAULT now(),
      processed_at timestamptz,
      -- The same change reported twice is one change: the natural idempotency of the endpoint.
      CONSTRAINT change_notifications_natural_key UNIQUE (customer_id, change_type, change_time)
    );
    -- The Idempotency-Key header, per tenant.
    CREATE UNIQUE INDEX change_notifications_idempotency_key
      ON change_notifications (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
  `.execute(db);
}
