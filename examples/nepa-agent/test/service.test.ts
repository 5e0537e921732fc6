import { afterEach, describe, expect, it } from 'vitest';
import type { NepaDatabase } from '../src/db/types.js';
import { parseEnv } from '../src/env.js';
import { createService, type Service, type ServiceDeps } from '../src/service.js';
import { waitFor } from './support/child.js';
import { openTestDatabase } from './support/database.js';
import { makeEisPdf } from './support/fixtures.js';

const noSeeds = { demo: async () => {}, violations: async () => {} };
let running: Service | undefined;

async function start(env: Record<string, string>, seeds: ServiceDeps['seeds'] = noSeeds) {
  const { config, errors } = parseEnv({ PORT: '0', HOST: '127.0.0.1', SEED: 'none', ...env });
  expect(errors).toEqual([]);
  const db = await openTestDatabase();
  const service = createService(config, {
    openDatabase: async () => db.database,
    seeds,
    log: () => {},
  });
  running = service;
  const server = await service.start();
  return { service, url: server.url };
}

const metricValue = async (url: string, name: string) => {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(name));
  return Number(line?.split(' ').pop() ?? Number.NaN);
};

afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('the service over loopback HTTP', () => {
  it('ingests a PDF, answers with a citation, and rejects a streamed oversize upload with 413', async () => {
    const { url } = await start({ MAX_UPLOAD_MB: '0.5' });
    const form = new FormData();
    form.append('file', new File([await makeEisPdf()], 'feis.pdf', { type: 'application/pdf' }));
    const ingest = await fetch(`${url}/documents`, { method: 'POST', body: form });
    expect(ingest.status).toBe(201);
    const { documents } = (await ingest.json()) as { documents: { documentId: number }[] };
    const ask = await fetch(`${url}/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'How large is the proposed solar facility?' }),
    });
    const answer = (await ask.json()) as { answer: string; citations: { documentId: number }[] };
    expect(answer.answer).toContain('500 megawatt');
    expect(answer.citations[0]?.documentId).toBe(documents[0]?.documentId);
    const chunk = new Uint8Array(64 * 1024).fill(97);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 4 * 1024 * 1024) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const init = { method: 'POST', headers: { 'content-type': 'text/plain' }, body, duplex: 'half' };
    const tooBig = await fetch(`${url}/documents`, init as RequestInit);
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('READY_DELAY_S keeps /readyz at 503 (and the ready gauge at 0), then 200', async () => {
    const started = Date.now();
    const { url } = await start({ READY_DELAY_S: '1' });
    const early = await fetch(`${url}/readyz`);
    expect(early.status).toBe(503);
    expect(((await early.json()) as { checks: { delay: boolean } }).checks.delay).toBe(false);
    expect(await metricValue(url, 'nepa_agent_ready{')).toBe(0);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, 5000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(await metricValue(url, 'nepa_agent_ready{')).toBe(1);
  });

  it('LEAK_MB_PER_MIN raises the leak gauge; 0 leaves it at 0', async () => {
    const { url } = await start({ LEAK_MB_PER_MIN: '300' });
    expect(await metricValue(url, 'nepa_agent_leaked_bytes{')).toBe(0);
    await waitFor(async () => (await metricValue(url, 'nepa_agent_leaked_bytes{')) >= 5 * 1024 * 1024, 5000);
    await running?.stop();
    const quiet = await start({});
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await metricValue(quiet.url, 'nepa_agent_leaked_bytes{')).toBe(0);
  });

  it('stop() drains an in-flight request, then refuses new connections', async () => {
    const { service, url } = await start({ LATENCY_MS: '800' });
    const inFlight = fetch(`${url}/projects`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopped = service.stop();
    running = undefined;
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await stopped).toEqual({ drained: true });
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('loads the demo seed through the database layer before it reports ready', async () => {
    const db = await import('../src/db/index.js');
    const seeds = {
      demo: (d: NepaDatabase) => db.seedDemo(d),
      violations: (d: NepaDatabase) => db.seedViolations(d),
    };
    const { url } = await start({ SEED: 'demo' }, seeds);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const { projects } = (await (await fetch(`${url}/projects`)).json()) as { projects: unknown[] };
    expect(projects.length).toBeGreaterThan(0);
  });
});
