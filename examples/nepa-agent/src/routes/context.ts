/** What every route handler may use: passed in explicitly, never global. */
import type { Agent, ToolCallLog } from '../agent/index.js';
import type { ServiceConfig } from '../env.js';
import { ServiceError } from '../errors.js';
import type { Guard } from '../guard/index.js';
import type { ServiceMetrics } from '../metrics/index.js';
import type { Retriever } from '../retrieval/index.js';
import type { ServiceRuntime } from '../runtime.js';

export type AppConfig = Pick<
  ServiceConfig,
  'agentMode' | 'canarySecret' | 'maxUploadBytes' | 'faults' | 'llm'
>;

export interface RouteContext {
  config: AppConfig;
  runtime: ServiceRuntime;
  metrics: ServiceMetrics;
  retriever: Retriever;
  agent: Agent;
  toolLog: ToolCallLog;
  now: () => number;
  /** Guarded mode with GUARD_MODULE: screens questions and ingested documents. */
  guard?: Guard;
}

/** A path id as a positive integer, or a 400 naming the parameter. */
export function parseId(raw: string | undefined, what: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new ServiceError('INVALID_FIELD', `${what} id ${JSON.stringify(raw)} is not a positive integer`);
  }
  return id;
}
