import autocannon from 'autocannon';
import { spawnApi } from './processes.ts';
import { createFixture, openDatabase } from './world.ts';
const database = await openDatabase();
const fixture = await createFixture(database.url, 10);
const api = await spawnApi(database.url, 32);
for (const path of ['/healthz', `/v2/customer-persons/${fixture.customers[0]}`]) {
  const r = await autocannon({ url: api.url + path, connections: 32, duration: 5, headers: { authorization: `Bearer ${fixture.apiKey}` } });
  console.log(path, r.requests.average, r.latency.p50, r.latency.p99, r.non2xx);
}
await api.stop(); await fixture.close(); await database.close();
