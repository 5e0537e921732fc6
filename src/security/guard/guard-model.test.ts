import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guardTrainingSet } from './corpus.js';
import { parseLabelledJsonl } from './dataset.js';
import shipped from './guard-model.json' with { type: 'json' };
import { serializeGuardParams } from './params.js';
import { DEFAULT_SPEC, FORMAT_VERSION, trainGuard } from './train.js';

const DATA = fileURLToPath(
  new URL('../../../../shared/data/prompt-injection/deepset-train.jsonl', import.meta.url),
);
const RETRAIN = 'retrain with `npx tsx scripts/train-guard.ts`';
const HAS_DATA = existsSync(DATA);
if (!HAS_DATA) console.warn(`Skipping the guard retraining check: ${DATA} not found`);

describe('the shipped guard parameters', () => {
  it(`match the feature space this code computes (else ${RETRAIN})`, () => {
    expect(shipped.formatVersion).toBe(FORMAT_VERSION);
    expect(shipped.spec).toEqual({ ...DEFAULT_SPEC, rules: [...DEFAULT_SPEC.rules] });
  });

  it('stay small', () => {
    expect(JSON.stringify(shipped).length).toBeLessThan(300 * 1024);
  });

  it.skipIf(!HAS_DATA)(`are exactly what the training script produces (else ${RETRAIN})`, () => {
    const publicRows = parseLabelledJsonl(readFileSync(DATA, 'utf8'), DATA);
    const { rows, sources } = guardTrainingSet(publicRows, 'deepset-train.jsonl');
    expect(serializeGuardParams(trainGuard(rows, { sources }))).toEqual(shipped);
  });
});
