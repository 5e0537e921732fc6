import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadJitCsv } from './csv.js';
import { evaluateTimeOrdered } from './evaluate.js';
import { trainRiskModel } from './train.js';

/** `../shared/data/jit` from the project root: public data, never copied into the repository. */
const DATA = resolve(import.meta.dirname, '../../../../shared/data/jit');
const PROJECTS = ['qt', 'openstack', 'gerrit'];
const present = PROJECTS.every((p) => existsSync(join(DATA, `${p}.csv`)));
const reason = present ? '' : ` (skipped: ${DATA} lacks ${PROJECTS.join(', ')}.csv)`;

describe('on the public JIT data', () => {
  it.skipIf(!present)(`keeps the time-ordered mean AUC over qt, openstack, gerrit >= 0.72${reason}`, () => {
    expect(readdirSync(DATA)).toEqual(expect.arrayContaining(PROJECTS.map((p) => `${p}.csv`)));
    const aucs = PROJECTS.map((project) => {
      const samples = loadJitCsv(readFileSync(join(DATA, `${project}.csv`), 'utf8'));
      return evaluateTimeOrdered(samples, (train) => trainRiskModel(train, { source: project })).auc;
    });
    const mean = aucs.reduce((a, b) => a + b, 0) / aucs.length;
    expect(mean, `AUCs ${aucs.map((a) => a.toFixed(3)).join(', ')}`).toBeGreaterThanOrEqual(0.72);
  });
});
