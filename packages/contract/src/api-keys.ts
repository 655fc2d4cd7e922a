import { z } from 'zod';

const dateTime = () => z.string().meta({ format: 'date-time' });

/** An API key as listed: its prefix, never the key or its hash. */
export const ApiKey = z
  .object({
    id: z.uuid(),
    prefix: z
      .string()
      .nullable()
      .meta({
        description:
          'The key’s first 11 characters (`wk_` and 8 more), to tell keys apart; null for a key created ' +
          'before keys were listed (its prefix was never stored)',
        example: 'wk_Q2hZ3k1a',
      }),
    label: z.string().nullable(),
    createdAt: dateTime(),
    lastUsedAt: dateTime().nullable().meta({ description: 'Precise to about a minute' }),
    expiresAt: dateTime().nullable(),
  })
  .meta({ id: 'ApiKey' });

/** The answer to a key's creation: the only time the key itself is shown. */
export const ApiKeyCreated = ApiKey.extend({
  apiKey: z.string().meta({ description: 'Shown once; stored only as a SHA-256 hash' }),
}).meta({ id: 'ApiKeyCreated' });

export const TenantSummary = z
  .object({ id: z.uuid(), name: z.string(), createdAt: dateTime() })
  .meta({ id: 'TenantSummary' });
