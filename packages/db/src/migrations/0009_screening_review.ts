import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- What a reviewer needs to decide a screening: every match, and the list version it ran on.
    ALTER TABLE screening_records
      ADD COLUMN matches jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN list_version text,
      ADD COLUMN review_outcome text CHECK (review_outcome IN ('CONFIRMED_HIT', 'FALSE_POSITIVE')),
      ADD COLUMN review_reason text,
      ADD COLUMN reviewed_by text,
      ADD COLUMN reviewed_at timestamptz;

    -- Why a restriction was lifted (a review decision or an admin's reason); null for older lifts.
    ALTER TABLE restrictions ADD COLUMN lift_reason text;

    -- Who did what to a compliance decision, and when: append-only.
    CREATE TABLE compliance_audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenants(id),
      customer_id bigint NOT NULL REFERENCES customers(id),
      screening_id bigint REFERENCES screening_records(id),
      restriction_id uuid REFERENCES restrictions(id),
      action text NOT NULL,
      actor text NOT NULL,
      reason text NOT NULL,
      request_id text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX compliance_audit_log_screening_idx ON compliance_audit_log (screening_id);
  `.execute(db);
}
