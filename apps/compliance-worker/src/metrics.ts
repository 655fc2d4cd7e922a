import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type JobResultLabel = 'completed' | 'retried' | 'dead_lettered';

/** Counters of settled jobs per queue and result, served in the Prometheus text format. */
export class Metrics {
  readonly #counts = new Map<string, number>();

  count(queue: string, result: JobResultLabel): void {
    const key = `queue="${queue}",result="${result}"`;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  get(queue: string, result: JobResultLabel): number {
    return this.#counts.get(`queue="${queue}",result="${result}"`) ?? 0;
  }

  render(): string {
    const lines = ['# TYPE compliance_worker_jobs_total counter'];
    for (const [labels, n] of this.#counts) lines.push(`compliance_worker_jobs_total{${labels}} ${n}`);
    return `${lines.join('\n')}\n`;
  }

  /** Serves GET /metrics; resolves with the server and its port. */
  async serve(port: number, host: string): Promise<{ server: Server; port: number }> {
    const server = createServer((req, res) => {
      if (req.method === 'GET' && req.url === '/metrics') {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(this.render());
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    return { server, port: (server.address() as AddressInfo).port };
  }
}
