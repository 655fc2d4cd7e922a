import type { ApiKey } from '@wallet/contract';
import type { ApiKeyRow } from '@wallet/db';
import type { z } from 'zod';

/** An API key as lists show it: never the secret, never its hash. */
export function presentApiKey(row: ApiKeyRow): z.input<typeof ApiKey> {
  return {
    id: row.id,
    prefix: row.prefix,
    label: row.label,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
  };
}
