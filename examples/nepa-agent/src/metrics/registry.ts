/**
 * The service's Prometheus metrics, on a registry of its own (no global state): request count,
 * errors and latency by route and version, the leak and readiness gauges, tool calls, and the
 * default process metrics (resident memory, CPU, event-loop lag).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface ServiceMetrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status' | 'version'>;
  errors: Counter<'method' | 'route' | 'status' | 'version'>;
  duration: Histogram<'method' | 'route' | 'status' | 'version'>;
  leakedBytes: Gauge<'version'>;
  ready: Gauge<'version'>;
  toolCalls: Counter<'tool' | 'mode' | 'version'>;
  documentsIngested: Counter<'media_type' | 'version'>;
  /** GUARD_MODULE verdicts by what was checked (question, document, passage) and label. */
  guardVerdicts: Counter<'input' | 'label' | 'version'>;
  version: string;
}

export interface CreateMetricsOptions {
  version: string;
  /** Include process and Node.js metrics; on by default. */
  processMetrics?: boolean;
}

/** Creates a fresh registry and the service's metrics on it. */
export function createMetrics(options: CreateMetricsOptions): ServiceMetrics {
  const registry = new Registry();
  const labels = ['method', 'route', 'status', 'version'] as const;
  const metrics: ServiceMetrics = {
    registry,
    version: options.version,
    requests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by route template and status',
      labelNames: labels,
      registers: [registry],
    }),
    errors: new Counter({
      name: 'http_request_errors_total',
      help: 'HTTP requests answered with a 5xx status',
      labelNames: labels,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from request to response, including injected latency',
      labelNames: labels,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    leakedBytes: new Gauge({
      name: 'nepa_agent_leaked_bytes',
      help: 'Memory retained on purpose by LEAK_MB_PER_MIN',
      labelNames: ['version'],
      registers: [registry],
    }),
    ready: new Gauge({
      name: 'nepa_agent_ready',
      help: '1 when /readyz answers 200',
      labelNames: ['version'],
      registers: [registry],
    }),
    toolCalls: new Counter({
      name: 'nepa_agent_tool_calls_total',
      help: 'Agent tool calls logged, by tool and agent mode',
      labelNames: ['tool', 'mode', 'version'],
      registers: [registry],
    }),
    documentsIngested: new Counter({
      name: 'nepa_agent_documents_ingested_total',
      help: 'Documents stored by POST /documents',
      labelNames: ['media_type', 'version'],
      registers: [registry],
    }),
    guardVerdicts: new Counter({
      name: 'nepa_agent_guard_verdicts_total',
      help: 'GUARD_MODULE verdicts, by input (question, document, passage) and label',
      labelNames: ['input', 'label', 'version'],
      registers: [registry],
    }),
  };
  metrics.leakedBytes.set({ version: options.version }, 0);
  metrics.ready.set({ version: options.version }, 0);
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  return metrics;
}
