import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics: request counts and latency by product, action and result code. */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'ramstack_requests_total',
    help: 'API requests by product, action and result code',
    labelNames: ['product', 'action', 'code'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'ramstack_request_duration_seconds',
    help: 'API request latency by product, action and result code',
    labelNames: ['product', 'action', 'code'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  observe(product: string, action: string, code: string, seconds: number): void {
    this.requests.inc({ product, action, code });
    this.latency.observe({ product, action, code }, seconds);
  }
}
