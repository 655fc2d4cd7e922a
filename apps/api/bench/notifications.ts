// Notification feed (seed 002) through the real HTTP API over 1,000,000 rows: first page, deep
// offset against the keyset cursor, and the unseen count. Prints figures; asserts nothing.
import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import { createWorld, print } from './notifications-world.ts';

const TOTAL = 1_000_000;
const USERS = 10_000;
const HEAVY = 50_000;
const SAMPLES = 2_000;
const DEPTH = 10_000;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;

const world = await createWorld(TOTAL, USERS, HEAVY);
const headers = { authorization: `Bearer ${world.apiKey}` };
const feed = (userId: string, query = '') =>
  `${world.apiUrl}/v1/${world.tenantName}/accounts/${userId}/notifications${query}`;
const typical = () => world.customers[1 + Math.floor(Math.random() * (USERS - 1))] as string;
const heavy = world.customers[0] as string;

// node:http on one kept-alive connection: a lighter client than fetch, whose own work would count
// in the latency measured.
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
interface Answer {
  headers: IncomingHttpHeaders;
  text: string;
  json(): unknown;
}
function get(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) reject(new Error(`${url}: ${res.statusCode} ${text}`));
        else resolve({ headers: res.headers, text, json: () => JSON.parse(text) });
      });
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/** Sequential requests on a kept-alive connection; latency as the client sees it (body read). */
async function measure(label: string, url: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) await get(url());
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    const body = (await get(url())).json() as unknown[];
    times.push(performance.now() - started);
    rows += body.length;
  }
  times.sort((a, b) => a - b);
  const f = (ms: number) => `${ms.toFixed(2)} ms`;
  print(
    `${label.padEnd(44)} p50 ${f(percentile(times, 0.5))}  p99 ${f(percentile(times, 0.99))}  max ${f(times.at(-1) ?? 0)}  (${SAMPLES} req, ${(rows / SAMPLES).toFixed(0)} rows/page)`,
  );
}

try {
  print(
    `notification feed: ${TOTAL} rows, ${USERS} users (one heavy user with ${HEAVY}); ${SAMPLES} sequential requests per line`,
  );
  await measure('first page, random user (limit 20)', () => feed(typical()));
  await measure('first page, heavy user (limit 20)', () => feed(heavy));
  await measure('first page, random user, limit 100', () => feed(typical(), '?limit=100'));
  await measure('unseen count, random user', () => feed(typical(), '?filter=state:UNSEEN&limit=1'));
  await measure('unseen count, heavy user', () => feed(heavy, '?filter=state:UNSEEN&limit=1'));
  await measure(`offset ${DEPTH}, heavy user`, () => feed(heavy, `?offset=${DEPTH}`));
  // The cursor after row DEPTH: the same page as offset DEPTH, reached by keyset.
  const at = await get(feed(heavy, `?offset=${DEPTH - 1}&limit=1`));
  const cursor = at.headers['x-next-cursor'] as string;
  await measure(`cursor at ${DEPTH}, heavy user`, () => feed(heavy, `?after=${cursor}`));
  const byOffset = (await get(feed(heavy, `?offset=${DEPTH}`))).json() as { id: number }[];
  const byCursor = (await get(feed(heavy, `?after=${cursor}`))).json() as { id: number }[];
  const same = JSON.stringify(byOffset.map((n) => n.id)) === JSON.stringify(byCursor.map((n) => n.id));
  print(`offset ${DEPTH} and cursor pages hold the same rows: ${same ? 'yes' : 'NO'}`);
  await measure(`offset ${DEPTH * 4}, heavy user`, () => feed(heavy, `?offset=${DEPTH * 4}`));
  const deep = (await get(feed(heavy, `?offset=${DEPTH * 4 - 1}&limit=1`))).headers[
    'x-next-cursor'
  ] as string;
  await measure(`cursor at ${DEPTH * 4}, heavy user`, () => feed(heavy, `?after=${deep}`));
  const unseen = (await get(feed(heavy, '?filter=state:UNSEEN&limit=1'))).headers['x-total-count'];
  print(`heavy user's unseen count (X-Total-Count): ${unseen}`);
} finally {
  agent.destroy();
  await world.close();
}
