/**
 * Red-team benchmark: attack success rate per category against the reference agent in naive and in
 * guarded mode (each a child process with an empty database), and attacks per second.
 *
 *   npx tsx bench/redteam.ts [--quick] [--seed N]
 *
 * `--quick` applies two strategies instead of all of them.
 */
import { parseArgs } from 'node:util';
import { buildSystemPrompt } from '../examples/nepa-agent/src/agent/system-prompt.js';
import { createTarget, type RedTeamReport, runRedTeam } from '../src/security/redteam/index.js';
import { startAgent } from './lib/redteam-agent.js';
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

async function attack(mode: 'naive' | 'guarded'): Promise<RedTeamReport> {
  const agent = await startAgent(mode, CANARY);
  try {
    return await runRedTeam({
      target: createTarget({ kind: 'agent', url: agent.url }),
      seed,
      canary: CANARY,
      systemPrompt: buildSystemPrompt(CANARY),
      ...(quick ? { strategies: ['unicode-tags', 'multi-turn'] } : {}),
    });
  } finally {
    await agent.stop();
  }
}

const naive = await attack('naive');
const guarded = await attack('guarded');
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
  ]),
  [
    'overall',
    '',
    String(naive.totals.cases),
    pct(naive.totals.rate),
    pct(guarded.totals.rate),
    drop(naive.totals.rate, guarded.totals.rate),
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
    ],
    rows,
  ),
);
line(
  `\nattacks/s: naive ${naive.totals.attacksPerSecond.toFixed(1)}, guarded ${guarded.totals.attacksPerSecond.toFixed(1)}; errors: ${naive.totals.errors} / ${guarded.totals.errors}`,
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
  drop: naive.totals.rate === 0 ? null : (naive.totals.rate - guarded.totals.rate) / naive.totals.rate,
});
line(`\nwrote ${file}`);
