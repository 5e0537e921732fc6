import type { CommitRecord } from '../../git/index.js';
import type { Store } from '../../store/index.js';
import { runSzz, type SzzOptions, type SzzResult } from '../szz/index.js';

/**
 * SZZ over the mined history, incrementally: fixes analysed by an earlier run are read back from
 * the store, only new fixes are blamed. Returns the combined result.
 */
export async function updateSzz(
  store: Store,
  repo: string,
  commits: readonly CommitRecord[],
  now: () => string,
  options: SzzOptions = {},
): Promise<SzzResult & { analysedNow: number }> {
  const done = new Set(
    (await store.db.selectFrom('szz_fixes').select('fix_sha').execute()).map((r) => r.fix_sha),
  );
  const fresh = await runSzz(repo, commits, { ...options, skipFixes: done });
  await store.exclusive('szz', async (trx) => {
    const at = now();
    const analysed = [
      ...fresh.fixes.map((sha) => ({ fix_sha: sha, analysed_at: at, skipped: null })),
      // Only skipped fixes are done with; skipped candidates are notes about other commits.
      ...fresh.skipped
        .filter((s) => s.kind === 'fix' && !done.has(s.sha) && !fresh.fixes.includes(s.sha))
        .map((s) => ({ fix_sha: s.sha, analysed_at: at, skipped: s.reason })),
    ];
    const unique = [...new Map(analysed.map((a) => [a.fix_sha, a])).values()];
    for (let i = 0; i < unique.length; i += 500) {
      await trx
        .insertInto('szz_fixes')
        .values(unique.slice(i, i + 500))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    const pairs = [...fresh.bugIntroducing].flatMap(([inducing, fixes]) =>
      fixes.map((fix) => ({ inducing_sha: inducing, fix_sha: fix })),
    );
    for (let i = 0; i < pairs.length; i += 500) {
      await trx
        .insertInto('szz_inducing')
        .values(pairs.slice(i, i + 500))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  });
  const fixRows = await store.db.selectFrom('szz_fixes').selectAll().execute();
  const pairRows = await store.db.selectFrom('szz_inducing').selectAll().execute();
  const bugIntroducing = new Map<string, string[]>();
  for (const p of pairRows)
    bugIntroducing.set(p.inducing_sha, [...(bugIntroducing.get(p.inducing_sha) ?? []), p.fix_sha]);
  return {
    fixes: fixRows.filter((f) => f.skipped === null).map((f) => f.fix_sha),
    skipped: fixRows
      .filter((f) => f.skipped !== null)
      .map((f) => ({ sha: f.fix_sha, reason: f.skipped ?? '' })),
    bugIntroducing,
    analysedNow: fresh.fixes.length,
  };
}
