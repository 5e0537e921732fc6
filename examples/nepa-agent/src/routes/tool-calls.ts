/** `GET /tool-calls` (what the agent's tools were asked to do) and `DELETE /tool-calls` (reset). */
import { Hono } from 'hono';
import type { RouteContext } from './context.js';

/** Registers the tool-call log routes. */
export function toolCallRoutes(ctx: RouteContext): Hono {
  const app = new Hono();
  app.get('/tool-calls', (c) => c.json({ mode: ctx.agent.mode, calls: ctx.toolLog.list() }));
  app.delete('/tool-calls', (c) => {
    ctx.toolLog.clear();
    return c.body(null, 204);
  });
  return app;
}
