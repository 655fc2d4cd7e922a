import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE webhook_subscriptions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants(id),
      url text NOT NULL,
      event_types text[] NOT NULL,
      -- The Standard Webhooks secret (whsec_...); the dispatcher signs with it, so it is kept as is.
      secret text NOT NULL,
      max_attempts int NOT NULL CHECK (max_attempts BETWEEN 1 AND 20),
      status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'CANCELLED')),
      cancelled_at timestamptz,
      cancel_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX webhook_subscriptions_tenant_idx ON webhook_subscriptions (tenant_id, created_at, id);
    CREATE INDEX webhook_subscriptions_active_idx ON webhook_subscriptions (tenant_id) WHERE status = 'ACTIVE';

    -- The last account_events.id of each account already fanned out. Its row lock serialises the
    -- fan-out of one account, so deliveries are created in the order of the account's changes.
    CREATE TABLE webhook_fanout_cursors (
      account_id bigint PRIMARY KEY REFERENCES accounts(id),
      last_event_id bigint NOT NULL
    );

    -- One event to one subscription. For one subscription and account, ids follow the changes.
    CREATE TABLE webhook_deliveries (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      subscription_id uuid NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
      event_id text NOT NULL REFERENCES account_events(event_id),
      account_id bigint NOT NULL,
      replay boolean NOT NULL DEFAULT false,
      state text NOT NULL DEFAULT 'PENDING'
        CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED', 'CANCELLED')),
      attempt_count int NOT NULL DEFAULT 0,
      -- When the row may next be claimed: now for new work, the retry time, or the end of a claim's
      -- lease (a dispatcher that died mid-attempt leaves the row to be claimed again then).
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      -- Bumped by every claim; a settlement must name the claim it holds.
      claim int NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );
    CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries (subscription_id, event_id)
      WHERE NOT replay;
    CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at, id)
      WHERE state = 'PENDING';
    CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (subscription_id, account_id, id)
      WHERE state = 'PENDING';
    CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, id);

    CREATE TABLE webhook_delivery_attempts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      delivery_id bigint NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
      attempt int NOT NULL,
      attempted_at timestamptz NOT NULL,
      duration_ms int NOT NULL,
      status_code int,
      error text,
      -- At most the first KiB of the subscriber's answer.
      response_body text
    );
    CREATE INDEX webhook_delivery_attempts_delivery_idx ON webhook_delivery_attempts (delivery_id, id);
  `.execute(db);
}
