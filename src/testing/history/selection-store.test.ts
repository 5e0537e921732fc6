import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.js';
import type { TestRunResult } from '../results/index.js';
import { FAILURE_FEATURES, trainFailureModel } from '../select/index.js';
import { freshImpact } from './impact-freshness.js';
import { saveImpact } from './impact-store.js';
import {
  changeKey,
  coFailureCounts,
  lastRunOfChange,
  loadFailureModel,
  loadTrainingRows,
  recordObservations,
  saveFailureModel,
} from './selection-store.js';
import { recordTestRun } from './test-history.js';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cara-selection-store-'));
  store = await openStore({ sqlitePath: join(dir, 'cara.db') });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function run(outcomes: Record<string, 'passed' | 'failed'>, flaky: string[] = []): TestRunResult {
  return {
    runner: 'node-test',
    durationMs: 10,
    files: [],
    tests: Object.entries(outcomes).map(([file, outcome]) => ({
      id: `${file}::::t`,
      file,
      suite: [],
      name: 't',
      outcome,
      durationMs: 5,
      attempts: flaky.includes(file) ? 2 : 1,
      flakyPassed: flaky.includes(file),
    })),
  };
}

const row = (file: string, selected = true) => ({
  file,
  selected,
  features: FAILURE_FEATURES.map(() => 0),
  prior: 0.1,
});

describe('selection store', () => {
  it('keys a change by its base and its set of paths, in any order', () => {
    expect(changeKey('abc', ['b.ts', 'a.ts', 'a.ts'])).toBe(changeKey('abc', ['a.ts', 'b.ts']));
    expect(changeKey('abc', ['a.ts'])).not.toBe(changeKey('abd', ['a.ts']));
  });

  it('labels the tests that ran, ignores the ones that did not, and finds the last run of a change', async () => {
    const key = changeKey('base', ['src/a.ts']);
    const first = await recordTestRun(store, run({ 't/a.test.ts': 'failed' }), {
      commit: 'c1',
      scope: 'selected',
      at: '2026-11-01T00:00:00.000Z',
    });
    await recordObservations(store, first, { key, files: ['src/a.ts'] }, [
      row('t/a.test.ts'),
      row('t/b.test.ts', false),
    ]);
    const second = await recordTestRun(
      store,
      run({ 't/a.test.ts': 'passed', 't/b.test.ts': 'passed' }, ['t/b.test.ts']),
      {
        commit: 'c1',
        scope: 'selected',
        at: '2026-11-02T00:00:00.000Z',
      },
    );
    await recordObservations(store, second, { key, files: ['src/a.ts'], widened: 'because' }, [
      row('t/a.test.ts'),
      row('t/b.test.ts'),
    ]);
    const rows = await loadTrainingRows(store.db);
    expect(rows.map((r) => [r.runId === first ? 1 : 2, r.failed])).toEqual([
      [1, 1],
      [2, 0],
      [2, 0],
    ]);
    expect(await loadTrainingRows(store.db, [first])).toHaveLength(1);
    expect(await lastRunOfChange(store.db, key)).toEqual({
      runId: second,
      scope: 'selected',
      failedFiles: [],
    });
    expect(await lastRunOfChange(store.db, 'other')).toBeUndefined();
    expect(await coFailureCounts(store.db)).toEqual(new Map([['t/a.test.ts', { 'src/a.ts': 1 }]]));
  });

  it('stores models and reads back the newest', async () => {
    expect(await loadFailureModel(store.db)).toBeUndefined();
    const rows = Array.from({ length: 8 }, (_, i) => ({
      runId: `r${i}`,
      at: i,
      features: FAILURE_FEATURES.map((_, j) => (j === 1 ? i % 2 : 0)),
      prior: 0.1,
      failed: (i % 2) as 0 | 1,
    }));
    const older = trainFailureModel(rows, '2026-11-01T00:00:00Z');
    await saveFailureModel(store, older, '2026-11-01T00:00:00Z');
    const newer = { ...older, updates: 3 };
    await saveFailureModel(store, newer, '2026-11-02T00:00:00Z');
    expect(await loadFailureModel(store.db)).toEqual(newer);
  });
});

describe('impact map freshness', () => {
  it('drops sources changed since an entry was taken, whole entries whose test changed, and unknown commits', async () => {
    await saveImpact(store, {
      commit: 'old',
      createdAt: '2026-11-01T00:00:00Z',
      tests: {
        't/a.test.ts': { 'src/a.ts': [[1, 3]], 'src/b.ts': [[1, 1]] },
        't/b.test.ts': { 'src/b.ts': [[1, 2]] },
      },
    });
    await saveImpact(store, {
      commit: 'foreign',
      createdAt: '2026-11-01T00:00:00Z',
      tests: { 't/c.test.ts': { 'src/c.ts': [[1, 1]] } },
    });
    const changed = async (commit: string) => (commit === 'old' ? ['src/b.ts', 't/b.test.ts'] : undefined);
    const fresh = await freshImpact(store.db, 'head', changed);
    expect(fresh.map?.tests).toEqual({ 't/a.test.ts': { 'src/a.ts': [[1, 3]] } });
    expect(fresh.staleTests.sort()).toEqual(['t/b.test.ts', 't/c.test.ts']);
    expect(fresh.staleSources).toEqual(['src/b.ts']);
    expect(fresh.partlyStaleTests).toEqual(['t/a.test.ts']);
    expect(fresh.storedTests).toEqual(['t/a.test.ts', 't/b.test.ts', 't/c.test.ts']);
    expect(fresh.notes.join('\n')).toMatch(/foreign ignored: no such commit in this repository/);
    const same = await freshImpact(store.db, 'old', changed);
    expect(Object.keys(same.map?.tests ?? {}).sort()).toEqual(['t/a.test.ts', 't/b.test.ts']);
  });
});
