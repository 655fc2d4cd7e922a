// The processes of the dispatcher benchmarks: a loopback receiver, and the dispatcher as deployed
// (`node dist/main.js`, a process of its own).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
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
export function spawnDispatcher(databaseUrl: string) {
  const child: ChildProcess = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), MAIN],
    {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'info',
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
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
      child.kill('SIGTERM');
      await exited;
      const line = output.split('\n').find((l) => l.includes('webhook dispatcher stopped'));
      return line ? JSON.parse(line) : {};
    },
  };
}
