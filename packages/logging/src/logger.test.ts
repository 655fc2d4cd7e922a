import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { createLogger } from './logger.js';

it('censors every secret path, nested or not, plus per-process extras', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _e, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ name: 't', level: 'info', redact: ['body'] }, sink);
  logger.info({
    apiKey: 'wk_key',
    req: { headers: { authorization: 'Bearer wk_key2' } },
    subscription: { secret: 'whsec_x' },
    env: { DATABASE_URL: 'postgres://u:pw@h/db' },
    signature: 'abc123',
    body: 'raw',
  });
  const line = lines.join('');
  for (const secret of ['wk_key', 'whsec_x', 'pw@h', 'abc123', 'raw']) expect(line).not.toContain(secret);
  expect(JSON.parse(line).apiKey).toBe('[redacted]');
});
