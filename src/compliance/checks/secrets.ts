/** Authenticator management (IA-5): no secrets committed to the repository. */
import { z } from 'zod';
import { messageOf } from '../../core/index.js';
import {
  ALLOWLIST_FILES,
  loadAllowlists,
  scanWorkingTree,
  severityRank,
  type WorkingTreeScan,
} from '../../security/index.js';
import { defineCheck, fail, notAssessed, pass, sample } from './check.js';

export const noSecrets = defineCheck({
  id: 'secrets.none-in-repository',
  family: 'secrets',
  description: 'the secret scanner finds nothing at or above `failOn` in the files git would commit',
  parameters: z
    .strictObject({ failOn: z.enum(['low', 'medium', 'high', 'critical']).default('low') })
    .prefault({}),
  async run(ctx, { failOn }) {
    let scan: WorkingTreeScan;
    try {
      scan = await ctx.memo('secrets:working-tree', async () =>
        scanWorkingTree(ctx.root, {
          allowlist: await loadAllowlists(ctx.root),
          ignorePaths: ALLOWLIST_FILES,
        }),
      );
    } catch (error) {
      return notAssessed(`the secret scan could not run: ${messageOf(error)}`);
    }
    const failing = scan.findings.filter((f) => severityRank(f.severity) >= severityRank(failOn));
    const evidence = {
      filesScanned: scan.filesScanned,
      findings: scan.findings.length,
      failing: failing.length,
      allowed: scan.allowed,
      locations: sample(failing.map((f) => `${f.path}:${f.line} ${f.ruleId}`)),
    };
    return failing.length === 0
      ? pass(`no secrets at or above ${failOn} in ${scan.filesScanned} files`, evidence)
      : fail(`${failing.length} secrets at or above ${failOn} (cara scan secrets lists them)`, evidence);
  },
});

export const SECRETS_CHECKS = [noSecrets];
