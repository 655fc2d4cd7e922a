import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError, parseEnv } from './parse-env.js';
import { envBoolean, envInteger } from './primitives.js';
import { sharedWebhookEnv } from './webhook-env.js';

const schema = z.object({
  DATABASE_URL: z.url({ message: 'must be a postgres:// URL' }),
  ADMIN_TOKEN: z.string().min(24, { message: 'must be at least 24 characters' }).optional(),
  POOL_SIZE: envInteger(1, 200).default(10),
  MIGRATE: envBoolean.default(true),
  MODE: z.enum(['a', 'b']).default('a'),
  ...sharedWebhookEnv,
});

describe('parseEnv', () => {
  it('returns the parsed values, defaults filled in', () => {
    expect(parseEnv(schema, { DATABASE_URL: 'postgres://db/x', POOL_SIZE: '3', MIGRATE: 'false' })).toEqual({
      DATABASE_URL: 'postgres://db/x',
      POOL_SIZE: 3,
      MIGRATE: false,
      MODE: 'a',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: false,
      WEBHOOK_TIMEOUT_MS: 10_000,
      WEBHOOK_RETRY_DELAYS: expect.stringMatching(/^\d+(,\d+)*$/),
    });
  });

  it('names every bad variable with its problem, one line each', () => {
    let error: unknown;
    try {
      parseEnv(schema, { POOL_SIZE: '0', MIGRATE: 'yes', WEBHOOK_RETRY_DELAYS: 'soon' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const { message, problems } = error as ConfigurationError;
    expect(message.split('\n')[0]).toBe('Invalid configuration:');
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(
      ['DATABASE_URL', 'MIGRATE', 'POOL_SIZE', 'WEBHOOK_RETRY_DELAYS'].sort(),
    );
    expect(problems).toContain('DATABASE_URL: must be a postgres:// URL');
    expect(problems).toContain('WEBHOOK_RETRY_DELAYS: must be comma-separated seconds');
  });

  it('never shows the value of a variable, a secret least of all', () => {
    const secret = 'hunter2-too-short';
    const password = 's3cr3t-passw0rd';
    const run = () =>
      parseEnv(schema, {
        DATABASE_URL: `not a url ${password}`,
        ADMIN_TOKEN: secret,
        MODE: secret,
        POOL_SIZE: secret,
      });
    expect(run).toThrow(ConfigurationError);
    const message = (() => {
      try {
        run();
      } catch (err) {
        return (err as Error).message;
      }
      return '';
    })();
    expect(message).toContain('ADMIN_TOKEN: must be at least 24 characters');
    expect(message).toMatch(/^ {2}MODE: /m);
    expect(message).toMatch(/^ {2}POOL_SIZE: /m);
    expect(message).not.toContain(secret);
    expect(message).not.toContain(password);
  });

  it('keeps a harmless value of another variable that a message names', () => {
    const needs = z
      .object({ NODE_ENV: z.string(), DB_PASSWORD: z.string().optional() })
      .superRefine((env, ctx) => {
        if (!env.DB_PASSWORD)
          ctx.addIssue({
            code: 'custom',
            path: ['DB_PASSWORD'],
            message: `is required when NODE_ENV=${env.NODE_ENV}`,
          });
      });
    expect(() => parseEnv(needs, { NODE_ENV: 'production' })).toThrow(
      /DB_PASSWORD: is required when NODE_ENV=production$/,
    );
  });

  it('masks a value that a custom message quotes', () => {
    const quoting = z.object({
      API_SECRET: z.string().refine(() => false, { error: (issue) => `rejected ${String(issue.input)}` }),
    });
    expect(() => parseEnv(quoting, { API_SECRET: 'top-secret-value' })).toThrow(
      /^Invalid configuration:\n {2}API_SECRET: rejected \*\*\*$/,
    );
  });
});
