/** Probes and the scrape endpoint: `/healthz` (alive), `/readyz` (ready for traffic), `/metrics`. */
import { Hono } from 'hono';
import type { RouteContext } from './context.js';

/** Registers the probe routes. */
export function healthRoutes(ctx: RouteContext): Hono {
  const app = new Hono();
  const started = ctx.now();
  const updateReadyGauge = () => {
    const report = ctx.runtime.readiness();
    ctx.metrics.ready.set({ version: ctx.metrics.version }, report.ready ? 1 : 0);
    return report;
  };
  app.get('/healthz', (c) =>
    c.json({ status: 'ok', version: ctx.metrics.version, uptimeS: Math.round((ctx.now() - started) / 1000) }),
  );
  app.get('/readyz', (c) => {
    const report = updateReadyGauge();
    return c.json({ status: report.ready ? 'ready' : 'not ready', ...report }, report.ready ? 200 : 503);
  });
  app.get('/metrics', async (c) => {
    updateReadyGauge();
    const body = await ctx.metrics.registry.metrics();
    return c.body(body, 200, { 'content-type': ctx.metrics.registry.contentType });
  });
  return app;
}
