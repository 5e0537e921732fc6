/**
 * Prompt-injection guard benchmark on the deepset prompt-injection training set (read in place
 * from ../shared/data): stratified, seeded 5-fold cross-validation (each fold retrains in-process on
 * the other folds plus our generated corpus) and the per-prompt latency of the shipped model, beside
 * published figures for a heuristic npm peer and a fine-tuned DeBERTa.
 *
 *   npx tsx bench/guard.ts [--quick] [--seed N] [--data FILE] [--eval FILE]
 *
 * `--eval FILE` scores the shipped model on any JSONL of {text, label} rows, without retraining.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createGuard, guardCorpus, parseLabelledJsonl } from '../src/security/guard/index.js';
import { formatMs } from './lib/format.js';
import { crossValidate, type GuardMetrics, metricsOf } from './lib/guard-cv.js';
import { DEFAULT_GUARD_DATA, loadGuardData } from './lib/guard-data.js';
import { measureLatency } from './lib/guard-latency.js';
import { machineInfo, writeResults } from './lib/results.js';
import { formatTable } from './lib/table.js';

const TARGET_ACCURACY = 0.95;
const TARGET_P99_MS = 1;
/** Figures we did not measure here: the peer is not installed, the DeBERTa figure is its model card's. */
const PUBLISHED = {
  vard: {
    name: '@andersmyrmel/vard (heuristic; measured by the team on this set, not installed here)',
    accuracy: 0.683,
    recall: 0.148,
    p99Ms: 0.7,
  },
  deberta: {
    name: 'DeBERTa-v3 injection classifier (published accuracy, deepset test split)',
    accuracy: 0.991,
  },
};

// Not strict: `npm run bench -- ...` passes every benchmark the same arguments.
const { values } = parseArgs({
  strict: false,
  options: {
    quick: { type: 'boolean', default: false },
    seed: { type: 'string' },
    data: { type: 'string' },
    eval: { type: 'string' },
  },
});
const quick = values.quick === true;
const seed = values.seed === undefined ? 1 : Number(values.seed);
if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be a whole number, got "${values.seed}"`);

const pct = (x: number) => x.toFixed(3);
const line = (text: string) => process.stdout.write(`${text}\n`);

if (typeof values.eval === 'string') evaluateFile(values.eval);
else runBenchmark(typeof values.data === 'string' ? values.data : DEFAULT_GUARD_DATA);

/** Scores the shipped model on a labelled JSONL file. */
function evaluateFile(file: string): void {
  if (!existsSync(file)) {
    line(`guard: --eval ${file} is not there; nothing to score`);
    return;
  }
  const rows = parseLabelledJsonl(readFileSync(file, 'utf8'), file);
  const guard = createGuard();
  const predicted = rows.map((row) => (guard.classify(row.text).label === 'injection' ? 1 : 0));
  const metrics = metricsOf(
    rows.map((row) => row.label),
    predicted,
  );
  line(`Shipped guard on ${file} (${rows.length} rows, no retraining)\n`);
  line(metricsTable([['cara guard (shipped)', metrics]]));
}

function runBenchmark(file: string): void {
  const loaded = loadGuardData(file);
  if ('skipped' in loaded) {
    line(`guard: skipped, the prompt-injection data is missing (${loaded.skipped})`);
    return;
  }
  const { rows } = loaded;
  // Latency first, on a fresh heap: the cross-validation's garbage would otherwise be collected
  // inside the timed calls, which a guard in a server does not see.
  const latency = measureLatency(
    createGuard(),
    rows.map((row) => row.text),
    quick ? 3 : 20,
  );
  const started = performance.now();
  const cv = crossValidate(rows, guardCorpus(), { folds: 5, seed, ...(quick ? { iterations: 200 } : {}) });
  const trainSeconds = (performance.now() - started) / 1000;
  const accuracyPass = cv.metrics.accuracy >= TARGET_ACCURACY;
  const latencyPass = latency.p99 <= TARGET_P99_MS;
  const { vard, deberta } = PUBLISHED;
  const table = formatTable(
    [
      { header: 'detector' },
      { header: 'accuracy', align: 'right' },
      { header: 'precision', align: 'right' },
      { header: 'recall', align: 'right' },
      { header: 'F1', align: 'right' },
      { header: 'p50', align: 'right' },
      { header: 'p99', align: 'right' },
    ],
    [
      [
        'cara guard (5-fold CV; latency of the shipped model)',
        pct(cv.metrics.accuracy),
        pct(cv.metrics.precision),
        pct(cv.metrics.recall),
        pct(cv.metrics.f1),
        formatMs(latency.p50),
        formatMs(latency.p99),
      ],
      [vard.name, pct(vard.accuracy), '-', pct(vard.recall), '-', '-', formatMs(vard.p99Ms)],
      [deberta.name, pct(deberta.accuracy), '-', '-', '-', '-', '-'],
    ],
  );
  line(`Prompt-injection guard on ${file} (${rows.length} rows, seed ${seed}${quick ? ', --quick' : ''})\n`);
  line(table);
  line(`\nper fold accuracy: ${cv.perFold.map((m) => pct(m.accuracy)).join(', ')}`);
  line(`accuracy >= ${TARGET_ACCURACY}: ${accuracyPass ? 'PASS' : 'FAIL'} (${pct(cv.metrics.accuracy)})`);
  line(`p99 <= ${TARGET_P99_MS} ms per prompt: ${latencyPass ? 'PASS' : 'FAIL'} (${formatMs(latency.p99)})`);
  line(
    `cross-validation took ${trainSeconds.toFixed(1)} s; the vard and DeBERTa rows are published/team-measured figures, not run here`,
  );
  const machine = machineInfo();
  if (machine.loadAverage > machine.cores)
    line(
      `note: load average ${machine.loadAverage} on ${machine.cores} cores; other work inflated the latency`,
    );
  const path = writeResults(quick ? 'guard-quick' : 'guard', {
    machine,
    data: { file, rows: rows.length, injections: rows.filter((row) => row.label === 1).length },
    options: { folds: 5, seed, quick },
    crossValidation: { ...cv.metrics, perFold: cv.perFold, errors: cv.errors.length },
    latencyMs: latency,
    targets: { accuracy: TARGET_ACCURACY, accuracyPass, p99Ms: TARGET_P99_MS, latencyPass },
    published: PUBLISHED,
  });
  line(`results: ${path}`);
}

function metricsTable(rows: [string, GuardMetrics][]): string {
  return formatTable(
    [
      { header: 'detector' },
      { header: 'accuracy', align: 'right' },
      { header: 'precision', align: 'right' },
      { header: 'recall', align: 'right' },
      { header: 'F1', align: 'right' },
    ],
    rows.map(([name, m]) => [name, pct(m.accuracy), pct(m.precision), pct(m.recall), pct(m.f1)]),
  );
}
