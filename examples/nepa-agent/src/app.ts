/**
 * The HTTP application, separate from the server so tests run it in-process (`app.request`) and
 * over real loopback HTTP. One `onError` maps every failure to `{error: {code, message}}`.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { createAgent, ToolCallLog } from './agent/index.js';
import { type ChatClient, createChatClient } from './answer/index.js';
import { ServiceError, toErrorBody } from './errors.js';
import { faultMiddleware, type Random, seededRandom } from './faults/index.js';
import { createGuard, type LoadedGuard } from './guard/index.js';
import { createMetrics, metricsMiddleware, type ServiceMetrics } from './metrics/index.js';
import { Retriever } from './retrieval/index.js';
import { askRoutes } from './routes/ask.js';
import type { AppConfig, RouteContext } from './routes/context.js';
import { documentRoutes } from './routes/documents.js';
import { healthRoutes } from './routes/health.js';
import { projectRoutes } from './routes/projects.js';
import { toolCallRoutes } from './routes/tool-calls.js';
import type { ServiceRuntime } from './runtime.js';

export type { AppConfig } from './routes/context.js';

export interface AppDeps {
  config: AppConfig;
  runtime: ServiceRuntime;
  metrics?: ServiceMetrics;
  toolLog?: ToolCallLog;
  /** Overrides the model client built from `config.llm`. */
  llm?: ChatClient;
  now?: () => number;
  random?: Random;
  /** Where unexpected errors are written; stderr by default. */
  log?: (line: string) => void;
  /** GUARD_MODULE, loaded: guards questions, ingested documents and passages in guarded mode. */
  guard?: LoadedGuard;
}

function toServiceError(error: unknown, log: (line: string) => void): ServiceError {
  if (error instanceof ServiceError) return error;
  if (error instanceof HTTPException) {
    const code =
      error.status === 413 ? 'PAYLOAD_TOO_LARGE' : error.status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST';
    return new ServiceError(error.status >= 500 ? 'INTERNAL' : code, error.message || 'bad request', {
      cause: error,
    });
  }
  log(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return new ServiceError('INTERNAL', 'internal error; the service log has the details', { cause: error });
}

/** Builds the service's routes, middleware (metrics, version header, faults) and error mapping. */
export function createApp(deps: AppDeps): Hono {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const metrics = deps.metrics ?? createMetrics({ version: deps.config.faults.serviceVersion });
  const toolLog =
    deps.toolLog ??
    new ToolCallLog(undefined, undefined, (call) =>
      metrics.toolCalls.inc({ tool: call.tool, mode: call.mode, version: metrics.version }),
    );
  const retriever = new Retriever(() => deps.runtime.repository().allDocuments());
  const llm = deps.llm ?? (deps.config.llm ? createChatClient(deps.config.llm) : undefined);
  const guard =
    deps.guard && deps.config.agentMode === 'guarded'
      ? createGuard(deps.guard, (input, verdict) =>
          metrics.guardVerdicts.inc({ input, label: verdict.label, version: metrics.version }),
        )
      : undefined;
  const agentDeps = { retriever, toolLog, canary: deps.config.canarySecret, ...(guard ? { guard } : {}) };
  const agent = createAgent(deps.config.agentMode, llm ? { ...agentDeps, llm } : agentDeps);
  const ctx: RouteContext = {
    config: deps.config,
    runtime: deps.runtime,
    metrics,
    retriever,
    agent,
    toolLog,
    now,
    ...(guard ? { guard } : {}),
  };

  const app = new Hono();
  app.use('*', metricsMiddleware(metrics, now));
  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('x-service-version', metrics.version);
  });
  app.use(
    '*',
    faultMiddleware({
      faults: deps.config.faults,
      random: deps.random ?? seededRandom(deps.config.faults.seed),
    }),
  );
  for (const routes of [healthRoutes, documentRoutes, projectRoutes, askRoutes, toolCallRoutes]) {
    app.route('/', routes(ctx));
  }
  app.notFound((c) => {
    const body = toErrorBody(new ServiceError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`));
    return c.json(body, 404);
  });
  app.onError((error, c) => {
    const serviceError = toServiceError(error, log);
    return c.json(toErrorBody(serviceError), serviceError.status);
  });
  return app;
}
