import type { ImpactMap } from './types.js';

/**
 * Folds a newer impact map into an older one: each test file in `update` replaces its old entry
 * (coverage is re-taken whole per test file), tests only in `previous` are kept.
 */
export function mergeImpact(previous: ImpactMap, update: ImpactMap): ImpactMap {
  const tests = { ...previous.tests, ...update.tests };
  const fileLevel: Record<string, string[]> = {};
  for (const [test, files] of Object.entries(previous.fileLevel ?? {})) {
    if (!(test in update.tests)) fileLevel[test] = files;
  }
  Object.assign(fileLevel, update.fileLevel ?? {});
  const merged: ImpactMap = { commit: update.commit, createdAt: update.createdAt, tests };
  if (Object.keys(fileLevel).length > 0) merged.fileLevel = fileLevel;
  return merged;
}
