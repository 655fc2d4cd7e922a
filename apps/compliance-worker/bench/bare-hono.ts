// The floor of the intake benchmark: Hono on @hono/node-server, on the same Node, reading the same
// POST's JSON body and answering 202 with no database. Started by whole-product.ts as a process:
// `node bench/bare-hono.ts <port>`.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/healthz', (c) => c.json({ status: 'ok' }));
app.post('/v2/customer-persons/:customerId/change-notifications', async (c) => {
  await c.req.json();
  return c.body(null, 202);
});
serve({ fetch: app.fetch, port: Number(process.argv[2]), hostname: '127.0.0.1' });
