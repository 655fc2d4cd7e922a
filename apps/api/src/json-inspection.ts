/**
 * Most levels of arrays and objects a request body may nest. The deepest body of any route is four
 * levels (PATCH /accounts: body → businessConsumer → an address → a field); 32 leaves room and keeps
 * every later walk (zod, the renderers, the database's jsonb) far from any stack limit.
 */
export const MAX_JSON_DEPTH = 32;

interface StringProblem {
  path: string;
  message: string;
}

export type JsonInspection = { tooDeep: true } | { tooDeep: false; problems: StringProblem[] };

const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why a string cannot be stored: PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate
 * (`"\ud800"` in JSON) is refused by jsonb and silently replaced in text columns, where two different
 * ids would then collide.
 */
function stringProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'must not contain NUL characters';
  // With the u flag a pair is one astral code point; only an unpaired half is in category Cs.
  if (LONE_SURROGATE.test(s)) return 'must not contain unpaired UTF-16 surrogates';
  return undefined;
}

/**
 * Walks a parsed JSON value without recursion (a body of a million `[` must not exhaust the stack):
 * past MAX_JSON_DEPTH it stops and says so; otherwise it lists every string, value or key, that
 * cannot be stored, by its dotted path.
 */
export function inspectJson(root: unknown): JsonInspection {
  const problems: StringProblem[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { value, path, depth } = top;
    if (typeof value === 'string') {
      const message = stringProblem(value);
      if (message) problems.push({ path, message });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return { tooDeep: true };
    // Reversed onto the stack, so that problems come out in document order.
    const entries = Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, inner] = entries[i] as [string, unknown];
      const innerPath = path ? `${path}.${key}` : key;
      const keyProblem = stringProblem(key);
      if (keyProblem) problems.push({ path: innerPath, message: `key ${keyProblem}` });
      stack.push({ value: inner, path: innerPath, depth: depth + 1 });
    }
  }
  return { tooDeep: false, problems };
}
