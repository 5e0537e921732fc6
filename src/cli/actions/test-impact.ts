/** `cara test impact`, and the refresh of stale impact entries after a run. */
import { systemClock } from '../../core/index.js';
import { changedFiles, filesChangedBetween, resolveCommit } from '../../git/index.js';
import {
  collectImpact,
  detectRunner,
  freshImpact,
  type ImpactFreshness,
  type RunnerAdapter,
  saveImpact,
} from '../../testing/index.js';
import type { CliContext } from '../context.js';
import { json, line } from '../output.js';
import type { Runtime } from '../runtime.js';
import { open } from './test-shared.js';

export async function runTestImpact(
  ctx: CliContext,
  options: { runner?: string; file: string[]; stale?: boolean; json?: boolean },
): Promise<void> {
  const tty = (ctx.output.err as { isTTY?: boolean }).isTTY === true;
  const summary = await open(ctx, 'test impact', async (rt) => {
    const runner = await detectRunner(rt.root, options.runner ?? rt.config.test.runner);
    let files = options.file.length > 0 ? options.file : await runner.discover(rt.root);
    if (options.stale) files = await staleImpactEntries(rt, files);
    const commit = (await resolveCommit(rt.root, 'HEAD')) ?? 'WORKING';
    const map = await collectImpact({
      root: rt.root,
      runner: runner.name,
      adapter: runner,
      files,
      commit,
      now: systemClock.now().toISOString(),
      onProgress: (done, total, file) => {
        if (tty) ctx.output.err.write(`\rcoverage ${done + 1}/${total} ${file}   `);
      },
    });
    if (tty) ctx.output.err.write('\n');
    await saveImpact(rt.store, map);
    const result = {
      commit,
      runner: runner.name,
      tests: Object.keys(map.tests).length,
      sourceFiles: new Set(Object.values(map.tests).flatMap((lines) => Object.keys(lines))).size,
      fileLevelOnly: Object.keys(map.fileLevel ?? {}).length,
    };
    await rt.audit.record({ type: 'test.impact', outcome: 'success', subject: commit, details: result });
    return result;
  });
  if (options.json) return json(ctx.output, summary);
  if (options.stale && summary.tests === 0) return line(ctx.output.out, 'impact map: every entry is fresh');
  line(
    ctx.output.out,
    `impact map: ${summary.tests} test files over ${summary.sourceFiles} source files at ${summary.commit.slice(0, 12)}` +
      (summary.fileLevelOnly > 0 ? ` (${summary.fileLevelOnly} only at file level: no source maps)` : ''),
  );
}

/** The test files whose impact entry is missing, stale against HEAD, or covers a file changed since. */
/** The stored impact map checked against `base`: entries taken at other commits lose what moved since. */
export function impactFreshness(rt: Runtime, base: string): Promise<ImpactFreshness> {
  return freshImpact(rt.store.db, base, async (commit) =>
    (await resolveCommit(rt.root, commit)) === undefined
      ? undefined
      : filesChangedBetween(rt.root, commit, base === 'WORKING' ? 'HEAD' : base),
  );
}

/** Of `files`, the test files whose impact entry is missing, stale against HEAD, or covers a file changed since. */
async function staleImpactEntries(rt: Runtime, files: readonly string[]): Promise<string[]> {
  const fresh = await impactFreshness(rt, (await resolveCommit(rt.root, 'HEAD')) ?? 'WORKING');
  const stale = new Set([...fresh.staleTests, ...fresh.partlyStaleTests]);
  const stored = new Set(fresh.storedTests);
  return files.filter((file) => stale.has(file) || !stored.has(file));
}

/**
 * Keeps the impact map current as runs go by: on a clean working tree (so the lines covered are the
 * commit's), re-collects the missing or stale entries of the tests that just ran, up to
 * `test.impactRefreshPerRun`. Does nothing before the first `cara test impact`.
 */
export async function refreshImpactAfterRun(
  rt: Runtime,
  runner: RunnerAdapter,
  tests: readonly { file: string | undefined }[],
  timeoutMs: number,
): Promise<number> {
  const limit = rt.config.test.impactRefreshPerRun;
  if (limit === 0) return 0;
  const any = await rt.store.db.selectFrom('test_impact').select('test_file').limit(1).executeTakeFirst();
  if (any === undefined || (await changedFiles(rt.root)).length > 0) return 0;
  const ran = [...new Set(tests.map((t) => t.file).filter((f): f is string => f !== undefined))];
  const stale = (await staleImpactEntries(rt, ran)).slice(0, limit);
  if (stale.length === 0) return 0;
  const commit = (await resolveCommit(rt.root, 'HEAD')) ?? 'WORKING';
  const map = await collectImpact({
    root: rt.root,
    runner: runner.name,
    adapter: runner,
    files: stale,
    commit,
    now: systemClock.now().toISOString(),
    timeoutMs,
  });
  await saveImpact(rt.store, map);
  return Object.keys(map.tests).length;
}
