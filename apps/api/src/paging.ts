import type { CursorCodec, CursorPart } from '@wallet/validation';
import type { Context } from 'hono';

type Values<P extends readonly CursorPart[]> = { [K in keyof P]: string };

/**
 * Where the next page is, the same on every list: `X-Next-Cursor: <cursor>` and
 * `Link: <path?…&after=<cursor>>; rel="next"` (RFC 8288), the request's other parameters kept. Neither
 * is sent on the last page.
 */
export function linkNextPage<P extends readonly CursorPart[]>(
  c: Context,
  codec: CursorCodec<P>,
  nextKey: Values<P> | undefined,
): void {
  if (!nextKey) return;
  const cursor = codec.encode(nextKey);
  const params = new URLSearchParams(new URL(c.req.url).search);
  params.delete('after');
  params.set('after', cursor);
  c.header('X-Next-Cursor', cursor);
  c.header('Link', `<${c.req.path}?${params.toString()}>; rel="next"`);
}
