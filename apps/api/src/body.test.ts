import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { createApp } from './app.js';
import { jsonObject } from './body.js';
import type { Services } from './context.js';
import { createLogger } from './logger.js';

/**
 * Bodies read without a Node request behind them (app.request, another runtime's adapter): the same
 * answers as through the server, from `c.req.text()`.
 */
function echoApp() {
  const logger = createLogger(
    { level: 'silent', name: 'api' },
    new Writable({ write: (_chunk, _e, done) => done() }),
  );
  const app = createApp({ logger, adminToken: 'x'.repeat(24), bodyLimitBytes: 64 } as Services);
  app.post('/healthz/echo', async (c) => c.json(await jsonObject(c)));
  return app;
}

const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  echoApp().request('/healthz/echo', { method: 'POST', body, headers });

it('reads a JSON object body without a Node request', async () => {
  const res = await post('{"a":"ü"}');
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ a: 'ü' });
});

it('refuses a body over the limit (no Content-Length declared) with 413, and bad bodies with 400 and 415', async () => {
  // 66 bytes: within 64 characters, over 64 bytes.
  expect((await post(`{"a":"${'ü'.repeat(29)}"}`)).status).toBe(413);
  expect((await post(`{"a":"${'u'.repeat(50)}"}`)).status).toBe(200);
  expect((await post('{"a":')).status).toBe(400);
  expect((await post('[1]')).status).toBe(400);
  expect((await post('{}', { 'content-type': 'text/plain' })).status).toBe(415);
  expect((await post('{}', {})).status).toBe(415);
  expect((await post('{}', { 'content-type': 'application/merge-patch+json' })).status).toBe(200);
});
