/** Per-test setup of backends, proxies and client agents, all torn down after each test. */
import http from 'node:http';
import { afterEach } from 'vitest';
import { createWeightedProxy } from '../proxy.js';
import type { BackendPool, WeightedProxy, WeightedProxyOptions } from '../types.js';
import { send, startBackend, type TestBackend, type TestResponse } from './backends.js';

export interface ProxyFixture {
  backend(version: string): Promise<TestBackend>;
  proxy(options: Omit<WeightedProxyOptions, 'port'>): Promise<WeightedProxy>;
  /** A client agent that keeps its connections to the proxy open. */
  keepAlive(maxSockets?: number): http.Agent;
}

/** Registers an afterEach that closes everything the test opened, newest first. */
export function useProxyFixture(): ProxyFixture {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    backend: async (version) => {
      const backend = await startBackend(version);
      cleanups.push(() => backend.kill());
      return backend;
    },
    proxy: async (options) => {
      const proxy = await createWeightedProxy({ port: 0, ...options });
      cleanups.push(() => proxy.close());
      return proxy;
    },
    keepAlive: (maxSockets = 8) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets });
      cleanups.push(() => agent.destroy());
      return agent;
    },
  };
}

/** A pool entry for test backends. */
export function pool(version: string, weight: number, backends: readonly TestBackend[]): BackendPool {
  return { version, weight, instances: backends.map((b) => ({ url: b.url })) };
}

/** Sends `count` GETs, `concurrency` at a time, and returns the answers in order. */
export async function sendMany(
  baseUrl: string,
  count: number,
  options: { agent?: http.Agent; concurrency?: number; path?: string; method?: string } = {},
): Promise<TestResponse[]> {
  const answers: TestResponse[] = [];
  const concurrency = options.concurrency ?? 1;
  for (let sent = 0; sent < count; sent += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - sent) }, () =>
      send(baseUrl, options.path ?? '/', {
        ...(options.agent === undefined ? {} : { agent: options.agent }),
        ...(options.method === undefined ? {} : { method: options.method }),
      }),
    );
    answers.push(...(await Promise.all(batch)));
  }
  return answers;
}

/** How many answers came from each version (by body). */
export function countBodies(answers: readonly TestResponse[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { body } of answers) counts[body] = (counts[body] ?? 0) + 1;
  return counts;
}
