/**
 * Trains the prompt-injection guard on the deepset training set (read in place from
 * ../shared/data, never copied) plus our generated corpus, and writes the learned parameters to
 * src/security/guard/guard-model.json. Deterministic: the same inputs give the same file.
 *
 *   npx tsx scripts/train-guard.ts [--data FILE]
 */
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_GUARD_DATA, loadGuardData } from '../bench/lib/guard-data.js';
import { guardTrainingSet } from '../src/security/guard/corpus.js';
import { serializeGuardParams } from '../src/security/guard/params.js';
// Not through index.ts: that imports guard-model.json, which this script is about to (re)create.
import { trainGuard } from '../src/security/guard/train.js';

const target = fileURLToPath(new URL('../src/security/guard/guard-model.json', import.meta.url));
const MAX_BYTES = 300 * 1024;

const { values } = parseArgs({ options: { data: { type: 'string' } } });
const file = values.data ?? DEFAULT_GUARD_DATA;
const loaded = loadGuardData(file);
if ('skipped' in loaded) {
  process.stderr.write(`train-guard: ${loaded.skipped}; nothing to train on\n`);
  process.exit(1);
}
const { rows, sources } = guardTrainingSet(loaded.rows, basename(file));
const started = performance.now();
const params = trainGuard(rows, { sources });
const ms = performance.now() - started;
writeFileSync(target, `${JSON.stringify(serializeGuardParams(params))}\n`);
// Biome formats JSON too; write what `biome check` expects so the lint stays clean.
const biome = spawnSync('npx', ['biome', 'format', '--write', target], { encoding: 'utf8' });
if (biome.status !== 0) process.stderr.write(`biome format failed:\n${biome.stderr}\n`);
const bytes = statSync(target).size;
process.stdout.write(
  `trained on ${rows.length} prompts (${params.trainedOn.injections} injections) in ${(ms / 1000).toFixed(1)} s\n` +
    `wrote ${target} (${(bytes / 1024).toFixed(0)} KB, digest ${params.trainedOn.digest})\n`,
);
if (bytes > MAX_BYTES) {
  process.stderr.write(`the parameter file is over ${MAX_BYTES / 1024} KB: use fewer hash buckets\n`);
  process.exitCode = 1;
}
