import type { Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import type { ImpactMap, LineRanges } from '../impact/index.js';

/** What the staleness check dropped from the stored impact map, in words for the output. */
export interface ImpactFreshness {
  map: ImpactMap | undefined;
  /** Test files whose whole entry was dropped (the test changed, or its commit is unknown). */
  staleTests: string[];
  /** Source files whose coverage was dropped from every entry because they changed since it was taken. */
  staleSources: string[];
  /** Test files whose entry lost coverage of a changed source (their entry is partly stale). */
  partlyStaleTests: string[];
  /** Every test file with a stored entry, fresh or not. */
  storedTests: string[];
  notes: string[];
}

/**
 * The stored impact map, fit to compare with a change measured against `base`: each entry was taken
 * at some commit; a source file that changed between that commit and the base has moved lines, so
 * its coverage is dropped (the import closure decides for it instead), and an entry whose test file
 * changed, or whose commit this repository does not have, is dropped whole. `changedSince(commit)`
 * lists the files changed from a commit to the base, or undefined when the commit is unknown here.
 */
export async function freshImpact(
  db: Kysely<Database>,
  base: string,
  changedSince: (commit: string) => Promise<string[] | undefined>,
): Promise<ImpactFreshness> {
  const rows = await db.selectFrom('test_impact').selectAll().orderBy('test_file').execute();
  const result: ImpactFreshness = {
    map: undefined,
    staleTests: [],
    staleSources: [],
    partlyStaleTests: [],
    storedTests: rows.map((row) => row.test_file),
    notes: [],
  };
  if (rows.length === 0) return result;
  const changedByCommit = new Map<string, string[] | undefined>();
  const unknown = new Set<string>();
  const staleSources = new Set<string>();
  const tests: Record<string, LineRanges> = {};
  const fileLevel: Record<string, string[]> = {};
  for (const row of rows) {
    let changed: string[] | undefined = [];
    if (row.commit !== base && row.commit !== 'WORKING') {
      if (!changedByCommit.has(row.commit)) changedByCommit.set(row.commit, await changedSince(row.commit));
      changed = changedByCommit.get(row.commit);
    }
    if (changed === undefined) {
      unknown.add(row.commit);
      result.staleTests.push(row.test_file);
      continue;
    }
    const moved = new Set(changed);
    if (moved.has(row.test_file)) {
      result.staleTests.push(row.test_file);
      continue;
    }
    const lines = JSON.parse(row.lines) as LineRanges;
    for (const source of Object.keys(lines)) {
      if (!moved.has(source)) continue;
      delete lines[source];
      staleSources.add(source);
      if (result.partlyStaleTests.at(-1) !== row.test_file) result.partlyStaleTests.push(row.test_file);
    }
    tests[row.test_file] = lines;
    const level = (JSON.parse(row.file_level) as string[]).filter((source) => !moved.has(source));
    if (level.length > 0) fileLevel[row.test_file] = level;
  }
  result.staleSources = [...staleSources].sort();
  if (unknown.size > 0) {
    result.notes.push(
      `impact map entries taken at ${[...unknown].map((c) => c.slice(0, 12)).join(', ')} ignored: no such commit in this repository (a history from another repository?)`,
    );
  }
  if (result.staleTests.length > 0 || staleSources.size > 0) {
    result.notes.push(
      `impact map partly stale (${result.staleTests.length} test entries, ${staleSources.size} source files changed since it was taken): the import closure decides for those; refresh with \`cara test impact --stale\``,
    );
  }
  if (Object.keys(tests).length > 0) {
    const newest = rows.reduce((a, b) => (a.created_at > b.created_at ? a : b));
    result.map = { commit: newest.commit, createdAt: newest.created_at, tests, fileLevel };
  }
  return result;
}
