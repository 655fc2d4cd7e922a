/** The few partner calls the chaos run makes, over real HTTP. */
export function apiClient(baseUrl: string, bearer: string) {
  return async (method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
    try {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    } catch {
      return { status: 0, body: undefined };
    }
  };
}
export type ApiClient = ReturnType<typeof apiClient>;

export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  process.stderr.write(`[chaos] gave up waiting for ${what}\n`);
  return false;
}
