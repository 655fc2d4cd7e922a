import { createHash } from 'node:crypto';

/** What the adapter needs of a pg Pool or Client: a named (prepared) parameterised query. */
export interface NamedQueryRunner {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** One INSERT of the caller's, with its own `$1…$n` placeholders. */
export interface LeadingInsert {
  text: string;
  values: readonly unknown[];
  /**
   * Enqueue only the jobs whose `id` the INSERT returned (`RETURNING id`): an INSERT … ON CONFLICT DO
   * NOTHING or one filtered by a join leaves some rows out, and their jobs must not exist either. The
   * caller gives each job the id of its row.
   */
  jobsOnlyForReturnedIds?: boolean;
}

/** Where pg-boss's insert reads its jobs (plans.insertJobs); a pg-boss release that changes it fails loudly. */
const BOSS_JOB_SOURCE = 'json_to_recordset($1::text::json)';
/** The same jobs, less those whose id the leading insert did not return. */
const RETURNED_JOBS_ONLY = `json_to_recordset((SELECT COALESCE(json_agg(job), '[]'::json)
    FROM json_array_elements($1::text::json) AS job
    WHERE (job->>'id')::uuid IN (SELECT id FROM leading_insert)))`;

/** pg-boss's `db` option: it hands its SQL and parameters to `executeSql`. */
export interface BossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

const combined = new Map<string, { name: string; text: string }>();

/**
 * A pg-boss `db` adapter for `boss.send` that runs the caller's INSERT and pg-boss's job insert as
 * ONE statement: the caller's insert becomes a data-modifying CTE in front of pg-boss's own SQL.
 *
 * Why: an intake request is otherwise four round trips (BEGIN, insert, job insert, COMMIT). As one
 * statement it is one round trip and one implicit transaction, so the row and its job still commit
 * together or not at all, and an error in the caller's insert (a unique or NOT NULL violation)
 * enqueues nothing and reaches the caller as the database error. The statement is prepared under a
 * name derived from its text, once per connection.
 *
 * With `jobsOnlyForReturnedIds`, the jobs pg-boss inserts are filtered by the ids the caller's insert
 * returned, inside the same statement: a row that was not inserted (a replay skipped by ON CONFLICT
 * DO NOTHING) gets no job, and the others still commit with theirs.
 *
 * Only for a single send: a second `executeSql` through the same adapter would insert the row twice,
 * so it throws instead.
 */
export function sendWithInsert(runner: NamedQueryRunner, insert: LeadingInsert): BossDb {
  let used = false;
  return {
    async executeSql(text, values = []) {
      if (used) throw new Error('sendWithInsert: the adapter serves one statement only');
      used = true;
      const statement = combine(text, values.length, insert.text, insert.jobsOnlyForReturnedIds ?? false);
      return runner.query({ ...statement, values: [...values, ...insert.values] });
    },
  };
}

/** pg-boss's statement with the caller's insert as its first CTE, and a stable prepared-statement name. */
function combine(
  bossSql: string,
  bossParams: number,
  insertSql: string,
  onlyReturned: boolean,
): { name: string; text: string } {
  const cacheKey = `${bossParams}\u0000${bossSql}\u0000${insertSql}\u0000${onlyReturned}`;
  const cached = combined.get(cacheKey);
  if (cached) return cached;
  // The caller's placeholders follow pg-boss's own parameters.
  const shifted = insertSql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + bossParams}`);
  let body = bossSql.trimStart();
  if (onlyReturned) {
    if (body.split(BOSS_JOB_SOURCE).length !== 2) {
      throw new Error('sendWithInsert: pg-boss no longer reads its jobs from one json_to_recordset($1)');
    }
    body = body.replace(BOSS_JOB_SOURCE, () => RETURNED_JOBS_ONLY);
  }
  let text: string;
  if (/^WITH\s+RECURSIVE\b/i.test(body)) {
    throw new Error('sendWithInsert: cannot lead a WITH RECURSIVE statement');
  } else if (/^WITH\s/i.test(body)) {
    text = `WITH leading_insert AS (${shifted}),\n${body.slice(4)}`;
  } else if (/^INSERT\s/i.test(body)) {
    text = `WITH leading_insert AS (${shifted})\n${body}`;
  } else {
    throw new Error('sendWithInsert: pg-boss sent a statement that is neither WITH nor INSERT');
  }
  const name = `wallet_send_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
  const entry = { name, text };
  combined.set(cacheKey, entry);
  return entry;
}
