/**
 * Trains the default risk model on the public JIT data (every project pooled) and writes its
 * parameters to src/change/model/default-model.json. First prints, as evidence that pooling
 * generalises, a leave-one-project-out check: train on the other projects, score this one.
 *
 *   npx tsx scripts/train-default-model.ts [--data DIR] [--no-check]
 */
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_JIT_DIR, type JitProject, loadJitProjects } from '../bench/lib/jit-data.js';
import { formatTable } from '../bench/lib/table.js';
// Not through index.ts: that loads default-model.json, which this script is about to (re)create.
import { evaluateOn } from '../src/change/model/evaluate.js';
import { trainRiskModel } from '../src/change/model/train.js';
import type { TrainOptions } from '../src/change/model/types.js';

const target = fileURLToPath(new URL('../src/change/model/default-model.json', import.meta.url));
const MAX_BYTES = 200 * 1024;

/**
 * The within-project defaults, minus recency weighting: across projects the calendar says nothing
 * about drift (qt's history ends a year before the others'), so every change weighs the same.
 */
const DEFAULT_MODEL_OPTIONS: TrainOptions = { halfLifeDays: 0 };

const { values } = parseArgs({
  options: { data: { type: 'string' }, 'no-check': { type: 'boolean', default: false } },
});
const loaded = loadJitProjects(values.data ?? DEFAULT_JIT_DIR);
if ('skipped' in loaded) {
  process.stderr.write(`train-default-model: ${loaded.skipped}; nothing to train on\n`);
  process.exit(1);
}
const { projects } = loaded;
if (!values['no-check'] && projects.length > 1) crossProjectCheck(projects);

const pooled = projects.flatMap((p) => p.samples);
const started = performance.now();
const model = trainRiskModel(pooled, {
  ...DEFAULT_MODEL_OPTIONS,
  source: `public JIT data (ZZR0/ISSTA21-JIT-DP): ${projects.map((p) => p.name).join(', ')}`,
});
const ms = performance.now() - started;
writeFileSync(target, `${JSON.stringify(model.toJSON())}\n`);
// Biome formats JSON too; write what `biome check` expects so the lint stays clean.
const biome = spawnSync('npx', ['biome', 'format', '--write', target], { encoding: 'utf8' });
if (biome.status !== 0) process.stderr.write(`biome format failed:\n${biome.stderr}\n`);
const bytes = statSync(target).size;
process.stdout.write(
  `trained on ${pooled.length} changes (${model.trainedOn.positives} bug-introducing) in ${(ms / 1000).toFixed(1)} s\n` +
    `wrote ${target} (${(bytes / 1024).toFixed(0)} KB)\n`,
);
if (bytes > MAX_BYTES) {
  process.stderr.write(`the model file is over ${MAX_BYTES / 1024} KB: use fewer or shallower trees\n`);
  process.exitCode = 1;
}

/** Leave one project out: how well a model pooled from the others ranks and calibrates it. */
function crossProjectCheck(all: readonly JitProject[]): void {
  const rows = all.map((held) => {
    const others = all.filter((p) => p !== held);
    const model = trainRiskModel(
      others.flatMap((p) => p.samples),
      DEFAULT_MODEL_OPTIONS,
    );
    const e = evaluateOn(model, held.samples, 0);
    return [
      held.name,
      others.map((p) => p.name).join('+'),
      e.auc.toFixed(3),
      e.brier.toFixed(3),
      e.calibration.error.toFixed(3),
    ];
  });
  process.stdout.write(
    `Leave-one-project-out (pooled model of the others scores every change of the held-out project)\n\n${formatTable(
      [
        { header: 'held out' },
        { header: 'trained on' },
        { header: 'AUC', align: 'right' },
        { header: 'Brier', align: 'right' },
        { header: 'cal. error', align: 'right' },
      ],
      rows,
    )}\n\n`,
  );
}
