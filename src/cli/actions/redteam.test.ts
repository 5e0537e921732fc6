/**
 * `cara redteam run --target NAME` through the CLI entry point: a target named in
 * cara.config.yaml (its URL, body template, response path, headers and `${ENV}` canary), flags that
 * override it, a URL that stays a URL, and an unknown name that lists the configured ones.
 */
import { appendFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGitRepo, type TempRepo } from '../../../test/support/cli.js';
import { type InProcessRun, runCaraInProcess } from '../../../test/support/in-process.js';
import { readEnv } from '../../core/index.js';

const CANARY = 'CANARY-7d1e0c5b9a2f4e6d8c3b1a0f';
const CANARY_VAR = 'CARA_TEST_REDTEAM_CANARY';
const env = readEnv({ CARA_ACTOR: 'alice@example.gov', NO_COLOR: '1' });

interface Report {
  totals: { cases: number; errors: number; succeeded: number };
  findings: { evidence: { detector: string; why: string } }[];
}

const cara = (dir: string, ...args: string[]) => runCaraInProcess(dir, env, args);

/** A chat endpoint that leaks the canary in every reply and remembers what it was sent. */
const seen: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
let server: Server;
let base: string;
let repo: TempRepo;

/** Findings of the configured canary (without one, the detector reports canary-shaped tokens instead). */
const canaryFindings = (run: InProcessRun) =>
  (JSON.parse(run.stdout) as Report).findings.filter(
    (f) => f.evidence.detector === 'canary' && f.evidence.why.startsWith('the configured canary'),
  ).length;
const SMALL = ['--plugins', 'prompt-extraction', '--strategies', 'none', '--json'];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      seen.push({ path: request.url ?? '', headers: request.headers, body });
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ reply: `My canary is ${CANARY}.` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env[CANARY_VAR] = CANARY;
  repo = makeGitRepo('cara-redteam-config-');
  expect((await cara(repo.dir, 'init')).code).toBe(0);
  appendFileSync(
    join(repo.dir, 'cara.config.yaml'),
    [
      'redteam:',
      '  targets:',
      '    echo-bot:',
      `      url: ${base}/chat`,
      `      canary: \${${CANARY_VAR}}`,
      '      bodyTemplate: \'{"message": "{{prompt}}"}\'',
      '      responsePath: reply',
      '      headers:',
      '        X-Team: red',
      '',
    ].join('\n'),
  );
}, 60_000);
afterAll(async () => {
  delete process.env[CANARY_VAR];
  repo?.remove();
  await new Promise((resolve) => server?.close(resolve));
});

describe('cara redteam run --target NAME', () => {
  it('attacks the configured target with its body template, response path, headers and canary', async () => {
    seen.length = 0;
    const run = await cara(repo.dir, 'redteam', 'run', '--target', 'echo-bot', ...SMALL);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.totals.errors).toBe(0);
    expect(canaryFindings(run)).toBeGreaterThan(0);
    expect(seen.length).toBe(report.totals.cases);
    expect(seen[0]?.path).toBe('/chat');
    expect(seen[0]?.headers['x-team']).toBe('red');
    expect(Object.keys(JSON.parse(seen[0]?.body ?? '{}'))).toEqual(['message']);
  });

  it('lets flags override the configured fields', async () => {
    const run = await cara(
      repo.dir,
      'redteam',
      'run',
      '--target',
      'echo-bot',
      '--canary',
      'CANARY-other',
      ...SMALL,
    );
    expect(run.code, run.stderr).not.toBe(2);
    expect(canaryFindings(run)).toBe(0);
    seen.length = 0;
    await cara(repo.dir, 'redteam', 'run', '--target', 'echo-bot', '--header', 'x-team: blue', ...SMALL);
    expect(seen[0]?.headers['x-team']).toBe('blue');
  });

  it('keeps a URL a URL, without the configured canary', async () => {
    const run = await cara(
      repo.dir,
      'redteam',
      'run',
      '--target',
      `${base}/chat`,
      '--response-path',
      'reply',
      ...SMALL,
    );
    expect((JSON.parse(run.stdout) as Report).totals.errors).toBe(0);
    expect(canaryFindings(run)).toBe(0);
  });

  it('names the configured targets when the name is unknown', async () => {
    const run = await cara(repo.dir, 'redteam', 'run', '--target', 'echo-bott', ...SMALL);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /"echo-bott" is neither an http\(s\) URL nor a configured target \(configured: echo-bot\)/,
    );
  });
});
