import {
  createMetrics,
  type JobBacklog,
  type JobSettlement,
  type MetricsServer,
  type QueueCountSource,
  type ReadinessChecks,
  recordJob,
  serveMetrics,
} from '@wallet/metrics';

export type JobResultLabel = JobSettlement;

/**
 * The worker's Prometheus registry (@wallet/metrics): jobs processed, failed and dead-lettered per
 * queue, queue depth from pg-boss at each scrape, process metrics. Keeps its own per-result tallies for tests.
 */
export class Metrics {
  readonly prometheus: ReturnType<typeof createMetrics>;
  readonly #counts = new Map<string, number>();

  constructor(queues?: QueueCountSource, jobBacklog?: () => Promise<JobBacklog[]>) {
    this.prometheus = createMetrics({
      defaultLabels: { app: 'compliance-worker' },
      ...(queues && { queues }),
      ...(jobBacklog && { jobBacklog }),
    });
  }

  count(queue: string, result: JobResultLabel): void {
    const key = `${queue}/${result}`;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
    recordJob(this.prometheus, queue, result);
  }

  get(queue: string, result: JobResultLabel): number {
    return this.#counts.get(`${queue}/${result}`) ?? 0;
  }

  /** Serves /metrics (Prometheus text), /healthz and /readyz on METRICS_PORT. */
  serve(port: number, host: string, readiness?: () => Promise<ReadinessChecks>): Promise<MetricsServer> {
    return serveMetrics({ port, host, registry: this.prometheus.registry, ...(readiness && { readiness }) });
  }
}
