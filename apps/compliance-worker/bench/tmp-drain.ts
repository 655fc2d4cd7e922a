import { acceptChangeNotification } from '@wallet/core';
import { sql } from 'kysely';
import { spawnWorker } from './processes.ts';
import { createFixture, openDatabase, sleep } from './world.ts';
const N = Number(process.env.N ?? 2000);
const database = await openDatabase();
const f = await createFixture(database.url, N);
for (let i = 0; i < N; i += 100) {
  await f.handle.db.transaction().execute(async (trx) => {
    for (const c of f.customers.slice(i, i + 100)) await acceptChangeNotification({ trx, boss: f.boss }, { tenantId: f.tenantId, customerId: c, changeType: 'PASSWORD_CHANGED', changeTime: new Date().toISOString() });
  });
}
const t0 = performance.now();
const w = spawnWorker(database.url, { WORKER_CONCURRENCY: process.env.WC ?? '8' });
for (;;) {
  const { rows } = await sql<{ n: number }>`select count(processed_at)::int n from change_notifications`.execute(f.handle.db);
  if (rows[0]!.n >= N) break;
  await sleep(50);
}
console.log(`drained ${N} in ${((performance.now() - t0) / 1000).toFixed(1)} s (incl. ~1 s start): ${(N / ((performance.now() - t0) / 1000)).toFixed(0)}/s`);
await w.stop(); await f.close(); await database.close();
