// The intake's two inserts run by pgbench: the notification row exactly as acceptChangeNotification
// writes it, and the job row with the very SQL pg-boss sends (captured, not re-typed).
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PgBoss, QUEUES } from '@wallet/jobs';

export const PGBENCH = '/usr/bin/pgbench';

/** pg-boss's insert for one change-notification job, as sent inside the API's transaction. */
async function capturedSend(boss: PgBoss): Promise<{ text: string; values: unknown[] }> {
  let captured: { text: string; values: unknown[] } | undefined;
  const db = {
    executeSql: async (text: string, values?: unknown[]) => {
      captured = { text, values: values ?? [] };
      return { rows: [{ id: '00000000-0000-4000-8000-000000000000' }] };
    },
  };
  await boss.send(QUEUES.changeNotification, { notificationId: '@id', requestId: 'bench' }, { db });
  if (!captured) throw new Error('pg-boss sent nothing');
  return captured;
}

/** A JSON value as a SQL expression; '@id' becomes pgbench's :id (the notification just inserted). */
function jsonSql(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value === '@id') return 'CAST(:id AS text)';
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `json_build_array(${value.map(jsonSql).join(', ')})`;
  const pairs = Object.entries(value as object).map(([k, v]) => `'${k}', ${jsonSql(v)}`);
  return `json_build_object(${pairs.join(', ')})`;
}

export async function writeScript(boss: PgBoss): Promise<string> {
  const send = await capturedSend(boss);
  if (send.values.length !== 1)
    throw new Error(`pg-boss insert has ${send.values.length} parameters; expected 1`);
  // Built in SQL rather than pasted as JSON text: pgbench would read `"id":null` as a variable.
  const jobs = `(${jsonSql(JSON.parse(String(send.values[0])))})::text`;
  const jobInsert = send.text.replaceAll('$1', jobs).replace(/\s+/g, ' ').trim();
  const script = [
    '\\set cid random(:mincid, :maxcid)',
    'BEGIN;',
    "INSERT INTO change_notifications (tenant_id, customer_id, change_type, change_time, idempotency_key) SELECT tenant_id, id, 'PASSWORD_CHANGED', clock_timestamp(), NULL FROM customers WHERE id = :cid AND tenant_id = :tenant ON CONFLICT DO NOTHING RETURNING id \\gset",
    `${jobInsert};`,
    'COMMIT;',
    '',
  ].join('\n');
  const file = join(tmpdir(), `wallet-intake-${process.pid}.sql`);
  writeFileSync(file, script);
  return file;
}

export interface PgbenchResult {
  tps: number;
  latencyMs: number;
  failed: number;
  output: string;
}

/** Runs the script; undefined when pgbench is not installed. */
export function runPgbench(
  url: string,
  script: string,
  options: { clients: number; seconds: number; vars: Record<string, string> },
): PgbenchResult | undefined {
  if (!existsSync(PGBENCH)) return undefined;
  const vars = Object.entries(options.vars).flatMap(([k, v]) => ['-D', `${k}=${v}`]);
  const args = [
    '-n',
    '-M',
    'prepared',
    '-c',
    String(options.clients),
    '-j',
    '2',
    '-T',
    String(options.seconds),
  ];
  const run = spawnSync(PGBENCH, [...args, ...vars, '-f', script, url], { encoding: 'utf8' });
  const output = `${run.stdout}${run.stderr}`;
  const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? Number.NaN);
  const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(output)?.[1] ?? Number.NaN);
  const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
  return { tps, latencyMs, failed, output };
}
