/**
 * Red-team benchmark: attack success rate per category against the reference agent in naive mode,
 * in guarded mode, and in guarded mode with cara's guard as its GUARD_MODULE middleware (each a
 * child process with an empty database), and attacks per second.
 *
 *   npx tsx bench/redteam.ts [--quick] [--seed N]
 *
 * `--quick` applies two strategies instead of all of them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSystemPrompt } from '../examples/nepa-agent/src/agent/system-prompt.js';
import { startServiceProcess, waitFor } from '../examples/nepa-agent/test/support/child.js';
import { guardModulePath } from '../src/security/guard/index.js';
import { createTarget, type RedTeamReport, runRedTeam } from '../src/security/redteam/index.js';
import { type RunningAgent, startAgent } from './lib/redteam-agent.js';
import { machineInfo, writeResults } from './lib/results.js';
import { formatTable } from './lib/table.js';

// Not strict: `npm run bench -- ...` passes every benchmark the same arguments.
const { values } = parseArgs({
  strict: false,
  options: { quick: { type: 'boolean', default: false }, seed: { type: 'string' } },
});
const quick = values.quick === true;
const seed = values.seed === undefined ? 1 : Number(values.seed);
if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be a whole number, got "${values.seed}"`);
const CANARY = 'CANARY-00bench00redteam00000000';
const line = (text: string) => process.stdout.write(`${text}\n`);
const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;

type Column = 'naive' | 'guarded' | 'guarded + guard';

/** The guarded agent with GUARD_MODULE set to cara's guard entry (the .ts source, run under tsx). */
async function startGuardedWithGuard(): Promise<RunningAgent> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cara-bench-redteam-guard-'));
  const service = startServiceProcess({
    AGENT_MODE: 'guarded',
    SEED: 'none',
    CANARY_SECRET: CANARY,
    DATA_DIR: dataDir,
    GUARD_MODULE: guardModulePath(),
  });
  const stop = async () => {
    service.child.kill('SIGKILL');
    await service.exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await service.url;
    await waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, 60_000);
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The agent's guard verdicts by input and label, read from its /metrics before it stops. */
const guardVerdicts: Record<string, number> = {};

async function readGuardVerdicts(url: string): Promise<void> {
  const text = await (await fetch(`${url}/metrics`)).text();
  for (const m of text.matchAll(
    /^nepa_agent_guard_verdicts_total\{input="(\w+)",label="(\w+)"[^}]*\} (\d+)/gm,
  )) {
    guardVerdicts[`${m[1]} ${m[2]}`] = Number(m[3]);
  }
}

async function attack(column: Column): Promise<RedTeamReport> {
  const agent =
    column === 'guarded + guard' ? await startGuardedWithGuard() : await startAgent(column, CANARY);
  try {
    const report = await runRedTeam({
      target: createTarget({ kind: 'agent', url: agent.url }),
      seed,
      canary: CANARY,
      systemPrompt: buildSystemPrompt(CANARY),
      ...(quick ? { strategies: ['unicode-tags', 'multi-turn'] } : {}),
    });
    if (column === 'guarded + guard') await readGuardVerdicts(agent.url);
    return report;
  } finally {
    await agent.stop();
  }
}

const naive = await attack('naive');
const guarded = await attack('guarded');
const withGuard = await attack('guarded + guard');
const rateIn = (report: RedTeamReport, name: string) =>
  report.categories.find((c) => c.name === name)?.rate ?? 0;
const drop = (before: number, after: number) => (before === 0 ? '-' : pct((before - after) / before));
const rows = [
  ...naive.categories.map((c) => [
    c.name,
    c.owasp.join(','),
    String(c.cases),
    pct(c.rate),
    pct(rateIn(guarded, c.name)),
    drop(c.rate, rateIn(guarded, c.name)),
    pct(rateIn(withGuard, c.name)),
    drop(c.rate, rateIn(withGuard, c.name)),
  ]),
  [
    'overall',
    '',
    String(naive.totals.cases),
    pct(naive.totals.rate),
    pct(guarded.totals.rate),
    drop(naive.totals.rate, guarded.totals.rate),
    pct(withGuard.totals.rate),
    drop(naive.totals.rate, withGuard.totals.rate),
  ],
];
line(`Red team against the reference agent (seed ${seed}${quick ? ', quick' : ''})\n`);
line(
  formatTable(
    [
      { header: 'category' },
      { header: 'OWASP' },
      { header: 'cases', align: 'right' },
      { header: 'naive ASR', align: 'right' },
      { header: 'guarded ASR', align: 'right' },
      { header: 'drop', align: 'right' },
      { header: 'guarded + guard ASR', align: 'right' },
      { header: 'drop', align: 'right' },
    ],
    rows,
  ),
);
line(
  `\nattacks/s: naive ${naive.totals.attacksPerSecond.toFixed(1)}, guarded ${guarded.totals.attacksPerSecond.toFixed(1)}, guarded + guard ${withGuard.totals.attacksPerSecond.toFixed(1)}; errors: ${naive.totals.errors} / ${guarded.totals.errors} / ${withGuard.totals.errors}`,
);
line(
  `guard verdicts (guarded + guard): ${
    Object.entries(guardVerdicts)
      .map(([key, count]) => `${key} ${count}`)
      .join(', ') || 'none'
  }`,
);
const summary = (report: RedTeamReport) => ({
  totals: report.totals,
  categories: report.categories,
  byStrategy: report.byStrategy,
  durationMs: report.durationMs,
});
const file = writeResults(quick ? 'redteam-quick' : 'redteam', {
  machine: machineInfo(),
  seed,
  quick,
  naive: summary(naive),
  guarded: summary(guarded),
  guardedWithGuard: { ...summary(withGuard), guardVerdicts },
  drop: naive.totals.rate === 0 ? null : (naive.totals.rate - guarded.totals.rate) / naive.totals.rate,
  dropWithGuard:
    naive.totals.rate === 0 ? null : (naive.totals.rate - withGuard.totals.rate) / naive.totals.rate,
});
line(`\nwrote ${file}`);
