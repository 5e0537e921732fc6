/**
 * The only module that reads `process.env`: every setting of the service, parsed and checked in one
 * place so a bad value stops the start with a message naming the variable.
 */
import { randomBytes } from 'node:crypto';
import { isAbsolute } from 'node:path';

export type AgentMode = 'naive' | 'guarded';
export type SeedSet = 'demo' | 'violations' | 'none';

export interface LlmConfig {
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs: number;
}

export interface FaultConfig {
  /** Label on every metric and the `x-service-version` header. */
  serviceVersion: string;
  latencyMs: number;
  latencyJitterMs: number;
  /** 0..1: the fraction of non-probe requests answered 500. */
  errorRate: number;
  crashAfterS?: number;
  leakMbPerMin: number;
  readyDelayS: number;
  /** Seeds the jitter and error-rate draws so a run can be replayed. */
  seed: number;
}

export interface ServiceConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  agentMode: AgentMode;
  llm?: LlmConfig;
  seed: SeedSet;
  /** Secret: never logged, never returned by the guarded agent. */
  canarySecret: string;
  maxUploadBytes: number;
  shutdownTimeoutMs: number;
  faults: FaultConfig;
  /** Guarded mode: an ES module exporting `classify(text)`, as an absolute path or a file: URL. */
  guardModule?: string;
}

export interface EnvResult {
  config: ServiceConfig;
  errors: string[];
}

type Env = Readonly<Record<string, string | undefined>>;

/** A fresh canary for one start, so a leaked value points at one process. */
export function randomCanary(): string {
  return `CANARY-${randomBytes(12).toString('hex')}`;
}

function reader(env: Env, errors: string[]) {
  const raw = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const number = (name: string, fallback: number, min: number, max: number, integer = false): number => {
    const value = raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max || (integer && !Number.isInteger(parsed))) {
      const kind = integer ? 'an integer' : 'a number';
      errors.push(`${name}=${JSON.stringify(value)} must be ${kind} from ${min} to ${max}`);
      return fallback;
    }
    return parsed;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    errors.push(`${name}=${JSON.stringify(value)} must be one of ${allowed.join(', ')}`);
    return fallback;
  };
  return { raw, number, oneOf };
}

function parseLlm(read: ReturnType<typeof reader>, errors: string[]): LlmConfig | undefined {
  const baseUrl = read.raw('LLM_BASE_URL');
  if (baseUrl === undefined) return undefined;
  try {
    new URL(baseUrl);
  } catch {
    errors.push(`LLM_BASE_URL=${JSON.stringify(baseUrl)} is not a URL (e.g. http://localhost:11434/v1)`);
  }
  const apiKey = read.raw('LLM_API_KEY');
  const llm: LlmConfig = {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    model: read.raw('LLM_MODEL') ?? 'gpt-4o-mini',
    timeoutMs: read.number('LLM_TIMEOUT_MS', 15_000, 100, 600_000, true),
  };
  if (apiKey !== undefined) llm.apiKey = apiKey;
  return llm;
}

/**
 * Parses the service settings from an environment map.
 * Returns every problem at once instead of stopping at the first, so one restart fixes them all.
 */
export function parseEnv(env: Env, makeCanary: () => string = randomCanary): EnvResult {
  const errors: string[] = [];
  const read = reader(env, errors);
  const faults: FaultConfig = {
    serviceVersion: read.raw('SERVICE_VERSION') ?? 'dev',
    latencyMs: read.number('LATENCY_MS', 0, 0, 600_000),
    latencyJitterMs: read.number('LATENCY_JITTER_MS', 0, 0, 600_000),
    errorRate: read.number('ERROR_RATE', 0, 0, 1),
    leakMbPerMin: read.number('LEAK_MB_PER_MIN', 0, 0, 100_000),
    readyDelayS: read.number('READY_DELAY_S', 0, 0, 86_400),
    seed: read.number('FAULT_SEED', 1, 0, 2 ** 32 - 1, true),
  };
  if (read.raw('CRASH_AFTER_S') !== undefined) faults.crashAfterS = read.number('CRASH_AFTER_S', 0, 0, 1e7);
  const config: ServiceConfig = {
    port: read.number('PORT', 8080, 0, 65_535, true),
    host: read.raw('HOST') ?? '0.0.0.0',
    dataDir: read.raw('DATA_DIR') ?? './data',
    agentMode: read.oneOf('AGENT_MODE', ['naive', 'guarded'], 'guarded'),
    seed: read.oneOf('SEED', ['demo', 'violations', 'none'], 'demo'),
    canarySecret: read.raw('CANARY_SECRET') ?? makeCanary(),
    maxUploadBytes: Math.round(read.number('MAX_UPLOAD_MB', 10, 0.001, 1024) * 1024 * 1024),
    shutdownTimeoutMs: Math.round(read.number('SHUTDOWN_TIMEOUT_S', 10, 0, 3600) * 1000),
    faults,
  };
  const databaseUrl = read.raw('DATABASE_URL');
  if (databaseUrl !== undefined) config.databaseUrl = databaseUrl;
  const llm = parseLlm(read, errors);
  if (llm !== undefined) config.llm = llm;
  const guardModule = read.raw('GUARD_MODULE');
  if (guardModule !== undefined) {
    if (isAbsolute(guardModule) || guardModule.startsWith('file:')) config.guardModule = guardModule;
    else errors.push(`GUARD_MODULE=${JSON.stringify(guardModule)} must be an absolute path or a file: URL`);
  }
  return { config, errors };
}

/** Reads the settings of this process. */
export function readProcessEnv(): EnvResult {
  return parseEnv(process.env);
}
