/** Records count, errors and latency of every request under its route template, not its raw path. */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { ServiceMetrics } from './registry.js';

/**
 * Times the request around everything else (faults included) and labels it by route template
 * (`/projects/:id`), so label cardinality stays bounded; unmatched paths are labelled `unmatched`.
 */
export function metricsMiddleware(metrics: ServiceMetrics, now: () => number): MiddlewareHandler {
  return async (c, next) => {
    const started = now();
    try {
      await next();
    } finally {
      const route = routeLabel(routePath(c, -1));
      const status = c.res.status;
      const labels = { method: c.req.method, route, status: String(status), version: metrics.version };
      metrics.requests.inc(labels);
      metrics.duration.observe(labels, (now() - started) / 1000);
      if (status >= 500) metrics.errors.inc(labels);
    }
  };
}

function routeLabel(path: string): string {
  return path === '*' || path === '/*' || path === '' ? 'unmatched' : path;
}
