/**
 * Canary judge benchmark on seeded synthetic scenarios (latency shifts, error-rate rises from zero
 * and from 1%, a variance-only change, a heavy tail, low traffic): the share of trials each judge
 * fails the canary in, at equal sample sizes, for (a) our judge, (b) the Kayenta-equivalent core
 * alone (Mann-Whitney + effect size) and (c) a Flagger-style fixed threshold on the mean and the
 * error rate; then (a) run sequentially over 10 intervals with alpha spending.
 *
 *   npx tsx bench/judge.ts [--quick] [--trials N] [--seed N]
 */
import { parseArgs } from 'node:util';
import { mannWhitneyU } from '../src/deploy/judge/index.js';
import { formatDuration } from './lib/format.js';
import {
  ALPHA,
  binaryMannWhitneyGreater,
  ERROR_EFFECT,
  ERROR_FLOOR,
  LATENCY_EFFECT,
} from './lib/judge-baselines.js';
import { formatJudgeTable, judgeTargets } from './lib/judge-report.js';
import { runScenario, type ScenarioResult } from './lib/judge-run.js';
import { scenarios } from './lib/judge-scenarios.js';
import { machineInfo, writeResults } from './lib/results.js';

const INTERVALS = 10;
const note = (line: string) => process.stderr.write(`${line}\n`);

interface JudgeBenchOptions {
  trials: number;
  seed: number;
  quick: boolean;
}

function parseOptions(argv: string[]): JudgeBenchOptions {
  // Not strict: `npm run bench -- ...` passes every benchmark the same arguments.
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      trials: { type: 'string' },
      seed: { type: 'string' },
      quick: { type: 'boolean', default: false },
    },
  });
  const quick = values.quick === true;
  const trials = values.trials === undefined ? (quick ? 150 : 1000) : Number(values.trials);
  if (!Number.isSafeInteger(trials) || trials < 1)
    throw new Error(`--trials must be a whole number of at least 1, got "${values.trials}"`);
  const seed = values.seed === undefined ? 20 : Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be a whole number, got "${values.seed}"`);
  return { trials, seed, quick };
}

/** The closed-form 0/1 Mann-Whitney of the Kayenta core must equal the real one. */
function checkBinaryShortcut(): void {
  const expand = (events: number, trials: number) =>
    Array.from({ length: trials }, (_, i) => (i < events ? 1 : 0));
  const fast = binaryMannWhitneyGreater({ events: 7, trials: 300 }, { events: 2, trials: 500 });
  const slow = mannWhitneyU(expand(7, 300), expand(2, 500), { alternative: 'greater' }).p;
  if (Math.abs(fast - slow) > 1e-12 * slow)
    throw new Error(`0/1 Mann-Whitney shortcut is off: ${fast} vs ${slow}`);
}

function main(options: JudgeBenchOptions): void {
  const started = Date.now();
  checkBinaryShortcut();
  const results: ScenarioResult[] = [];
  for (const [i, scenario] of scenarios().entries()) {
    const t0 = Date.now();
    results.push(runScenario(scenario, options.trials, INTERVALS, options.seed * 1000 + i));
    note(`${scenario.name}: ${options.trials} trials in ${formatDuration(Date.now() - t0)}`);
  }
  const targets = judgeTargets(results);
  process.stdout.write(
    `\nCanary judge: share of ${options.trials} trials failed (detection; false positives on no-change rows)\n` +
      `alpha ${ALPHA} one-sided per test; latency effect ${LATENCY_EFFECT * 100}%; errors +${ERROR_EFFECT * 100}% ` +
      `relative, at least ${ERROR_FLOOR * 100} pp; sequential: ${INTERVALS} looks, O'Brien-Fleming-type spending\n\n` +
      `${formatJudgeTable(results)}\n\n${targets.map((t) => `${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.detail}`).join('\n')}\n`,
  );
  const file = writeResults(options.quick ? 'judge-quick' : 'judge', {
    benchmark: 'judge',
    machine: machineInfo(),
    options: {
      ...options,
      intervals: INTERVALS,
      alpha: ALPHA,
      latencyEffect: LATENCY_EFFECT,
      errorEffect: ERROR_EFFECT,
      errorFloor: ERROR_FLOOR,
    },
    scenarios: results,
    targets,
    runMs: Date.now() - started,
  });
  note(`results written to ${file} in ${formatDuration(Date.now() - started)}`);
}

try {
  main(parseOptions(process.argv.slice(2)));
} catch (error) {
  note(`bench/judge failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
