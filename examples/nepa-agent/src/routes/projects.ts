/** `GET /projects` and `GET /projects/:id` (the project with its processes, documents and comments). */
import { Hono } from 'hono';
import { ServiceError } from '../errors.js';
import { parseId, type RouteContext } from './context.js';

/** Registers the project routes. */
export function projectRoutes(ctx: RouteContext): Hono {
  const app = new Hono();
  app.get('/projects', async (c) => c.json({ projects: await ctx.runtime.repository().listProjects() }));
  app.get('/projects/:id', async (c) => {
    const id = parseId(c.req.param('id'), 'project');
    const project = await ctx.runtime.repository().getProject(id);
    if (!project) throw new ServiceError('NOT_FOUND', `no project with id ${id}`);
    return c.json(project);
  });
  return app;
}
