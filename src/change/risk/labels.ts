import type { Kysely } from 'kysely';
import type { Database } from '../../store/index.js';

export interface SzzLabel {
  inducing: string;
  fixes: string[];
}

/** The bug-introducing commits SZZ found, each with the fixes that blamed it (from the last `risk train`). */
export async function szzLabels(
  db: Kysely<Database>,
): Promise<{ fixes: number; skipped: number; labels: SzzLabel[] }> {
  const pairs = await db.selectFrom('szz_inducing').selectAll().orderBy('inducing_sha').execute();
  const fixes = await db.selectFrom('szz_fixes').select(['fix_sha', 'skipped']).execute();
  const byInducing = new Map<string, string[]>();
  for (const p of pairs)
    byInducing.set(p.inducing_sha, [...(byInducing.get(p.inducing_sha) ?? []), p.fix_sha]);
  return {
    fixes: fixes.filter((f) => f.skipped === null).length,
    skipped: fixes.filter((f) => f.skipped !== null).length,
    labels: [...byInducing].map(([inducing, f]) => ({ inducing, fixes: f })),
  };
}
