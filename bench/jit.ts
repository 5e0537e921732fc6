/**
 * Just-in-time defect prediction benchmark: on every project (`*.csv`) in `--data DIR`, a
 * time-ordered split (oldest 80% train, newest 20% test), the AUC of our risk model beside plain
 * logistic regression on the 14 raw features and LApredict, both run here too, and the published
 * means. Target: mean AUC >= 0.75 with the same settings for every project.
 *
 *   npx tsx bench/jit.ts [--data DIR] [--quick] [--tune]
 *
 * `--quick` times training once instead of best of three; `--tune` also prints the validation
 * scores (inside the training parts only) that the default settings were chosen on.
 */
import { parseArgs } from 'node:util';
import {
  brierScore,
  DEFAULT_TRAIN_OPTIONS,
  type Evaluation,
  evaluateOn,
  type RiskModel,
  type Sample,
  timeOrderedSplit,
  trainRiskModel,
} from '../src/change/model/index.js';
import { formatMs } from './lib/format.js';
import { LAPREDICT, LR14, PUBLISHED, TARGET_MEAN_AUC } from './lib/jit-baselines.js';
import { DEFAULT_JIT_DIR, type JitProject, loadJitProjects } from './lib/jit-data.js';
import { tuneOnTrainingParts } from './lib/jit-tuning.js';
import { machineInfo, writeResults } from './lib/results.js';
import { formatTable } from './lib/table.js';
import { bestOf } from './lib/timing.js';

interface JitBenchOptions {
  data: string;
  quick: boolean;
  tune: boolean;
}

interface ProjectResult {
  project: string;
  samples: number;
  trainSize: number;
  testSize: number;
  positivesTrain: number;
  positivesTest: number;
  ours: Evaluation;
  /** Brier score of always predicting the training base rate: what a useless model gets. */
  baseRateBrier: number;
  trainMs: number;
  lr14: Evaluation;
  laPredict: Evaluation;
}

const note = (line: string) => process.stderr.write(`${line}\n`);
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const fixed = (value: number, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

function parseOptions(argv: string[]): JitBenchOptions {
  // Not strict: `npm run bench -- ...` passes every benchmark the same arguments.
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      data: { type: 'string' },
      quick: { type: 'boolean', default: false },
      tune: { type: 'boolean', default: false },
    },
  });
  if (values.data !== undefined && typeof values.data !== 'string') throw new Error('--data needs a folder');
  return { data: values.data ?? DEFAULT_JIT_DIR, quick: values.quick === true, tune: values.tune === true };
}

async function runProject(project: JitProject, options: JitBenchOptions): Promise<ProjectResult> {
  const { train, test } = timeOrderedSplit(project.samples);
  note(`${project.name}: ${train.length} train / ${test.length} test changes`);
  const positives = (rows: readonly Sample[]) => rows.filter((s) => s.label === 1).length;
  const fit = await bestOf(options.quick ? 1 : 3, () => trainRiskModel(train, { source: project.name }));
  const evaluate = (model: RiskModel) => evaluateOn(model, test, train.length);
  const baseRate = positives(train) / train.length;
  const testLabels = test.map((s) => s.label);
  return {
    project: project.name,
    samples: project.samples.length,
    trainSize: train.length,
    testSize: test.length,
    positivesTrain: positives(train),
    positivesTest: positives(test),
    ours: evaluate(fit.result),
    baseRateBrier: brierScore(
      testLabels.map(() => baseRate),
      testLabels,
    ),
    trainMs: fit.bestMs,
    lr14: evaluate(trainRiskModel(train, LR14)),
    laPredict: evaluate(trainRiskModel(train, LAPREDICT)),
  };
}

async function main(options: JitBenchOptions): Promise<void> {
  const started = Date.now();
  const loaded = loadJitProjects(options.data);
  if ('skipped' in loaded) {
    // Skipped, not failed: the public data lives outside the repository. No results file is
    // written, so an earlier run's numbers are not replaced by nothing.
    note(`bench/jit: skipped, ${loaded.skipped} (point --data at a folder of JIT CSV files)`);
    return;
  }
  const { projects } = loaded;
  const results: ProjectResult[] = [];
  for (const project of projects) results.push(await runProject(project, options));

  const means = {
    ours: mean(results.map((r) => r.ours.auc)),
    lr14: mean(results.map((r) => r.lr14.auc)),
    laPredict: mean(results.map((r) => r.laPredict.auc)),
  };
  const pass = means.ours >= TARGET_MEAN_AUC;
  const blank = PUBLISHED.map(() => '');
  const aucRows = [
    ...results.map((r) => [
      r.project,
      fixed(r.ours.auc),
      fixed(r.lr14.auc),
      fixed(r.laPredict.auc),
      ...blank,
      '',
    ]),
    [
      `mean (${results.length})`,
      fixed(means.ours),
      fixed(means.lr14),
      fixed(means.laPredict),
      ...PUBLISHED.map((p) => fixed(p.auc)),
      `${pass ? 'PASS' : 'FAIL'} (>= ${TARGET_MEAN_AUC})`,
    ],
  ];
  const qualityRows = results.map((r) => [
    r.project,
    `${r.trainSize} / ${r.testSize}`,
    `${fixed((100 * r.positivesTrain) / r.trainSize, 1)}% / ${fixed((100 * r.positivesTest) / r.testSize, 1)}%`,
    fixed(r.ours.brier),
    fixed(r.baseRateBrier),
    fixed(r.ours.calibration.error),
    fixed(r.ours.logLoss),
    formatMs(r.trainMs),
  ]);

  process.stdout.write(
    `\nJIT defect prediction, time-ordered 80/20 split, AUC (published: means over six projects, Zeng et al. ISSTA 2021)\n\n${formatTable(
      [
        { header: 'project' },
        { header: 'ours', align: 'right' },
        { header: 'LR-14 (run)', align: 'right' },
        { header: 'LApredict (run)', align: 'right' },
        ...PUBLISHED.map((p) => ({ header: `${p.name} (pub.)`, align: 'right' as const })),
        { header: 'status' },
      ],
      aucRows,
    )}\n\nOur model's probabilities on the test part\n\n${formatTable(
      [
        { header: 'project' },
        { header: 'train / test', align: 'right' },
        { header: 'bug rate train / test', align: 'right' },
        { header: 'Brier', align: 'right' },
        { header: 'Brier (base rate)', align: 'right' },
        { header: 'calibration error', align: 'right' },
        { header: 'log-loss', align: 'right' },
        { header: options.quick ? 'train time' : 'train time (best of 3)', align: 'right' },
      ],
      qualityRows,
    )}\n\n`,
  );

  const tuning = options.tune ? tune(projects) : undefined;
  const file = writeResults('jit', {
    benchmark: 'jit',
    machine: machineInfo(new Date(started)),
    options,
    durationMs: Date.now() - started,
    model: { ...DEFAULT_TRAIN_OPTIONS },
    target: { meanAuc: TARGET_MEAN_AUC, pass },
    mean: means,
    published: PUBLISHED,
    projects: results,
    ...(tuning ? { tuning } : {}),
  });
  note(`results written to ${file}`);
}

function tune(projects: readonly JitProject[]) {
  note('validation inside the training parts (the test parts are not read):');
  const rows = tuneOnTrainingParts(projects, note);
  process.stdout.write(
    `Candidates on validation folds inside each training part (mean of two time-ordered folds)\n\n${formatTable(
      [
        { header: 'candidate' },
        ...projects.map((p) => ({ header: p.name, align: 'right' as const })),
        { header: 'mean', align: 'right' },
      ],
      rows.map((r) => [
        r.candidate,
        ...projects.map((p) => fixed(r.auc[p.name] ?? Number.NaN)),
        fixed(r.mean, 4),
      ]),
    )}\n\n`,
  );
  return rows;
}

let options: JitBenchOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  note(`bench/jit: ${error instanceof Error ? error.message : String(error)}`);
  note('usage: tsx bench/jit.ts [--data DIR] [--quick] [--tune]');
  process.exit(2);
}
main(options).catch((error: unknown) => {
  note(`bench/jit failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
