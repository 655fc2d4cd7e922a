import { familyOf } from '@wallet/errors';

/** True when a 4xx/5xx body has the envelope its path's family promises. */
export function hasFamilyEnvelope(path: string, body: unknown): boolean {
  const b = body as Record<string, unknown> | undefined;
  if (!b || typeof b !== 'object') return false;
  switch (familyOf(path)) {
    case 'v2': {
      const e = b.error as Record<string, unknown> | undefined;
      return typeof e?.code === 'string' && typeof e.message === 'string' && Array.isArray(e.details);
    }
    case 'v1':
      return (
        Array.isArray(b.errors) &&
        b.errors.length > 0 &&
        b.errors.every((e) => typeof e?.error_code === 'string' && typeof e.message === 'string')
      );
    case 'accounts':
      return (
        typeof b.traceId === 'string' &&
        Array.isArray(b.errors) &&
        b.errors.length > 0 &&
        b.errors.every((e) => typeof e?.message === 'string')
      );
  }
}
