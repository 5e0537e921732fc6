import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, Store } from '../../store/index.js';
import type { ImpactMap, LineRanges } from '../impact/index.js';
import { collectCoverageDetail } from '../impact/index.js';
import type { RunnerAdapter } from '../runners/index.js';

/** The command that runs one test file with the given runner, for coverage collection. */
export function coverageCommand(runner: string, root: string, file: string): string[] {
  switch (runner) {
    case 'node-test':
      return [process.execPath, '--test', file];
    case 'vitest':
      return [join(root, 'node_modules', '.bin', 'vitest'), 'run', file];
    case 'jest':
      return [join(root, 'node_modules', '.bin', 'jest'), '--runTestsByPath', file];
    default:
      return [];
  }
}

export interface CollectImpactOptions {
  root: string;
  runner: string;
  /** Runs a test file whose runner has no plain coverage command (mocha: a spec-free config). */
  adapter?: RunnerAdapter;
  files: readonly string[];
  commit: string;
  now: string;
  timeoutMs?: number;
  onProgress?: (done: number, total: number, file: string) => void;
}

/**
 * Runs each test file alone under NODE_V8_COVERAGE (with source maps on, so transformed sources
 * map back where the runner keeps maps) and records the lines it executed.
 */
export async function collectImpact(options: CollectImpactOptions): Promise<ImpactMap> {
  const tests: Record<string, LineRanges> = {};
  const fileLevel: Record<string, string[]> = {};
  let done = 0;
  for (const file of options.files) {
    options.onProgress?.(done, options.files.length, file);
    const command = coverageCommand(options.runner, options.root, file);
    const adapter = options.adapter;
    if (command.length === 0 && adapter === undefined) continue;
    const detail = await collectCoverageDetail({
      root: options.root,
      ...(command.length > 0
        ? { command }
        : {
            execute: async (added: Record<string, string>) => {
              const result = await (adapter as RunnerAdapter).run({
                root: options.root,
                files: [file],
                env: added,
                ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
              });
              return result.files.some((f) => f.outcome === 'failed' || f.outcome === 'errored') ? 1 : 0;
            },
          }),
      env: { NODE_OPTIONS: '--enable-source-maps' },
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
    tests[file] = detail.lines;
    if (detail.fileLevel.length > 0) fileLevel[file] = detail.fileLevel;
    done++;
  }
  return { commit: options.commit, createdAt: options.now, tests, fileLevel };
}

/** Replaces the stored entries of the test files in `map`; other tests' entries stay. */
export async function saveImpact(store: Store, map: ImpactMap): Promise<void> {
  await store.exclusive('test-impact', async (trx) => {
    for (const [file, lines] of Object.entries(map.tests)) {
      await trx.deleteFrom('test_impact').where('test_file', '=', file).execute();
      await trx
        .insertInto('test_impact')
        .values({
          test_file: file,
          commit: map.commit ?? 'WORKING',
          created_at: map.createdAt,
          lines: JSON.stringify(lines),
          file_level: JSON.stringify(map.fileLevel?.[file] ?? []),
        })
        .execute();
    }
  });
}

export async function loadImpact(db: Kysely<Database>): Promise<ImpactMap | undefined> {
  const rows = await db.selectFrom('test_impact').selectAll().execute();
  if (rows.length === 0) return undefined;
  const tests: Record<string, LineRanges> = {};
  const fileLevel: Record<string, string[]> = {};
  for (const r of rows) {
    tests[r.test_file] = JSON.parse(r.lines) as LineRanges;
    const level = JSON.parse(r.file_level) as string[];
    if (level.length > 0) fileLevel[r.test_file] = level;
  }
  const newest = rows.reduce((a, b) => (a.created_at > b.created_at ? a : b));
  return { commit: newest.commit, createdAt: newest.created_at, tests, fileLevel };
}
