// The processes of the dispatcher benchmarks: a loopback receiver, and the dispatcher as deployed
// (`node dist/main.js`, a process of its own).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/** A subscriber that answers 200 at once and notes when each event first arrived (per subscription). */
export async function startReceiver() {
  let count = 0;
  const first = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      count++;
      const now = performance.now();
      const eventId = String(req.headers['webhook-id']);
      if (!first.has(eventId)) first.set(eventId, now);
      res.writeHead(200).end();
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    count: () => count,
    firstArrival: (eventId: string) => first.get(eventId),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/**
 * The dispatcher as deployed; `peakRss()` reads its high-water mark, `stop()` its last log line.
 * BENCH_NODE_ARGS passes flags to its node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
 */
export function spawnDispatcher(databaseUrl: string, env: Record<string, string> = {}) {
  const child: ChildProcess = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), MAIN],
    {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'info',
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  // A bench that fails or is stopped must not leave its dispatcher running.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  return {
    peakRss: (): number => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
    async stop(): Promise<{ rssBytes?: number; heapUsedBytes?: number }> {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.off('exit', killChild);
      child.kill('SIGTERM');
      await exited;
      const line = output.split('\n').find((l) => l.includes('webhook dispatcher stopped'));
      return line ? JSON.parse(line) : {};
    },
  };
}

export interface SignedRequest {
  headers: Record<string, string>;
  body: string;
}

/**
 * The bare ceiling of one loopback receiver: a plain node:http client loop posting the same signed
 * bodies to it, `concurrency` at a time over keep-alive sockets (the dispatcher's own cap to one
 * destination), with nothing else to do: no database, no claim, no settlement. Returns requests/s.
 */
export async function postCeiling(url: string, requests: readonly SignedRequest[], concurrency: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  let next = 0;
  const post = (r: SignedRequest) =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(r.body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) await post(requests[next++] as SignedRequest);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return requests.length / seconds;
}
