/** Builds the app in-process from an environment map, the way `main.ts` would. */
import type { Hono } from 'hono';
import { type AppDeps, createApp } from '../../src/app.js';
import type { NepaRepository } from '../../src/db/types.js';
import { parseEnv } from '../../src/env.js';
import { ServiceRuntime } from '../../src/runtime.js';

export const TEST_CANARY = 'CANARY-test-5f2a9c41';

export interface TestApp {
  app: Hono;
  runtime: ServiceRuntime;
  request(path: string, init?: RequestInit): Promise<Response>;
  json<T = Record<string, unknown>>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>;
  ask<T = Record<string, unknown>>(
    question: string,
    extra?: Record<string, unknown>,
  ): Promise<{ status: number; body: T }>;
  metrics(): Promise<string>;
}

/** Creates the app over `repository` with settings from `env` (which must parse cleanly). */
export function createTestApp(
  repository: NepaRepository,
  env: Record<string, string> = {},
  overrides: Partial<AppDeps> = {},
): TestApp {
  const { config, errors } = parseEnv({ CANARY_SECRET: TEST_CANARY, ...env });
  if (errors.length > 0) throw new Error(errors.join('; '));
  const runtime = overrides.runtime ?? ServiceRuntime.ready(repository);
  const app = createApp({ config, runtime, log: () => {}, ...overrides });
  const request = async (path: string, init?: RequestInit) => app.request(path, init);
  const json = async <T>(path: string, init?: RequestInit) => {
    const response = await request(path, init);
    return { status: response.status, body: (await response.json()) as T };
  };
  return {
    app,
    runtime,
    request,
    json,
    ask: <T>(question: string, extra: Record<string, unknown> = {}) =>
      json<T>('/ask', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question, ...extra }),
      }),
    metrics: async () => (await request('/metrics')).text(),
  };
}

/** Posts files as multipart `file` fields. */
export function multipart(
  files: { name: string; type: string; content: string | Uint8Array }[],
): RequestInit {
  const form = new FormData();
  for (const file of files) form.append('file', new File([file.content], file.name, { type: file.type }));
  return { method: 'POST', body: form };
}
