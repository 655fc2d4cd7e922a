// sendWithInsert rewrites the SQL pg-boss generates for a job insert (plans.insertJobs): it puts the
// caller's INSERT in front as a CTE, and filters pg-boss's json_to_recordset($1) by the ids that
// INSERT returned. So the SQL of the installed pg-boss is pinned here: a pg-boss release that changes
// it fails this test, and whoever upgrades checks send-with-insert.ts against the new SQL, then
// updates the fingerprints below.
import { createHash } from 'node:crypto';
import * as plans from 'pg-boss/dist/plans.js';
import { describe, expect, it } from 'vitest';
import { type NamedQueryRunner, sendWithInsert } from './send-with-insert.js';

/** The statement pg-boss's Manager sends for `send` (returnId) and `insert`, on a queue with and without NOTIFY. */
function bossInsertSql(options: { returnId: boolean; notify: boolean }): string {
  return plans.insertJobs('pgboss', { table: 'job', name: 'change-notification', ...options });
}

const fingerprint = (text: string) => createHash('sha256').update(text).digest('hex');

/** sha256 of bossInsertSql(...) for pg-boss 12.38.0. */
const PINNED = {
  'returnId, notify': '34d488990a92d8a5136c80b33c132f65fd3e82376d4989b146a1a29ae81639af',
  'returnId, no notify': 'abf6a4da650ba17727d2c361432020ee542c77f6b07a0953989006c72fceaf39',
  'no returnId, notify': 'e72e519c89bcf2af7b414dde75983e199bed486f0b884c19da66bae689748b60',
  'no returnId, no notify': '4c9ff0ad42f7db130e38e4e749814ef689d06a3211054e7a9f6075837c89a023',
};

const variants = [
  ['returnId, notify', { returnId: true, notify: true }],
  ['returnId, no notify', { returnId: true, notify: false }],
  ['no returnId, notify', { returnId: false, notify: true }],
  ['no returnId, no notify', { returnId: false, notify: false }],
] as const;

/** A runner that records the one statement sendWithInsert hands it. */
function recorder() {
  const seen: { name: string; text: string; values: unknown[] }[] = [];
  const runner: NamedQueryRunner = {
    async query(config) {
      seen.push(config);
      return { rows: [] };
    },
  };
  return { runner, seen };
}

describe('sendWithInsert against the installed pg-boss', () => {
  it.each(variants)(
    'pg-boss job insert SQL (%s) is the one sendWithInsert was written against',
    (label, options) => {
      expect(fingerprint(bossInsertSql(options)), `pg-boss's insertJobs SQL changed (${label})`).toBe(
        PINNED[label],
      );
    },
  );

  it.each(variants)(
    'leads pg-boss statement (%s) with the caller insert, filtered by its returned ids',
    async (_, options) => {
      const { runner, seen } = recorder();
      const db = sendWithInsert(runner, {
        text: 'INSERT INTO t (id, v) SELECT * FROM unnest($1::uuid[], $2::text[]) RETURNING id',
        values: [['0b8e7a1e-7d3c-4a59-9d8e-2f4a3c1b5e6d'], ['x']],
        jobsOnlyForReturnedIds: true,
      });
      await db.executeSql(bossInsertSql(options), ['[]']);
      const [statement] = seen;
      if (!statement) throw new Error('no statement was run');
      expect(statement.text).toMatch(
        /^WITH leading_insert AS \(INSERT INTO t \(id, v\) SELECT \* FROM unnest\(\$2::uuid\[\], \$3::text\[\]\)/,
      );
      expect(statement.text).toContain("WHERE (job->>'id')::uuid IN (SELECT id FROM leading_insert)");
      expect(statement.text).not.toContain('json_to_recordset($1::text::json) as x');
      expect(statement.values).toEqual(['[]', ['0b8e7a1e-7d3c-4a59-9d8e-2f4a3c1b5e6d'], ['x']]);
      expect(statement.name).toMatch(/^wallet_send_[0-9a-f]{24}$/);
    },
  );

  it('serves one statement only', async () => {
    const { runner } = recorder();
    const db = sendWithInsert(runner, { text: 'INSERT INTO t VALUES ($1)', values: [1] });
    await db.executeSql(bossInsertSql({ returnId: true, notify: true }), ['[]']);
    await expect(db.executeSql(bossInsertSql({ returnId: true, notify: true }), ['[]'])).rejects.toThrow(
      /one statement only/,
    );
  });

  it('refuses a statement it does not know how to lead', async () => {
    const { runner } = recorder();
    const db = sendWithInsert(runner, { text: 'INSERT INTO t VALUES ($1)', values: [1] });
    await expect(db.executeSql('SELECT 1')).rejects.toThrow(/neither WITH nor INSERT/);
  });
});
