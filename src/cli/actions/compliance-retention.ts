import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type NoteVerifier, parseVerifierKey, verifierOf } from '../../audit/index.js';
import {
  applyRetention,
  type BundleVerifyReport,
  planRetentionNow,
  type RetentionResult,
  type SeriesSummary,
  summarizePlan,
  verifyBundle,
} from '../../compliance/index.js';
import { CaraError, messageOf, systemClock } from '../../core/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint, table } from '../output.js';
import { withRuntime } from '../runtime.js';

export interface ComplianceRetentionOptions {
  apply?: boolean;
  json?: boolean;
}

/** The stable `--json` shape of `cara compliance retention`. */
export interface RetentionReport {
  mode: 'dry-run' | 'apply';
  now: string;
  auditMinimumDays: number;
  archiveDir: string;
  series: SeriesSummary[];
  bundle: { path: string; id: string; digest: string; records: number } | null;
  deleted: Record<string, number>;
}

/**
 * `cara compliance retention [--apply]`: lists what each policy expires (dry run, the default),
 * or archives it into a signed bundle, deletes it and records a `data.delete` event.
 */
export async function runComplianceRetention(
  ctx: CliContext,
  options: ComplianceRetentionOptions,
): Promise<void> {
  const report = await withRuntime(
    { cwd: ctx.cwd(), env: ctx.env, output: ctx.output, command: 'compliance retention' },
    async (rt): Promise<RetentionReport> => {
      const base = {
        store: rt.store,
        audit: rt.audit,
        config: rt.config.retention,
        root: rt.root,
        clock: systemClock,
      };
      const result: RetentionResult = options.apply
        ? await applyRetention({ ...base, origin: rt.origin, signer: rt.signer() })
        : { plan: await planRetentionNow(base), deleted: {} };
      return {
        mode: options.apply ? 'apply' : 'dry-run',
        now: result.plan.now,
        auditMinimumDays: result.plan.auditMinimumDays,
        archiveDir: rt.config.retention.archiveDir,
        series: summarizePlan(result.plan),
        bundle: result.bundle
          ? {
              path: result.bundle.path,
              id: result.bundle.id,
              digest: `sha256:${result.bundle.digest}`,
              records: result.bundle.manifest.records.count,
            }
          : null,
        deleted: result.deleted,
      };
    },
  );
  if (options.json) return json(ctx.output, report);
  print(ctx, report);
}

function print(ctx: CliContext, report: RetentionReport): void {
  const { out } = ctx.output;
  const policy = (s: SeriesSummary) =>
    s.policies.length === 0
      ? 'none'
      : s.policies.map((p) => `${p.days}d${p.agency ? ` (${p.agency})` : ''}`).join(', ');
  line(
    out,
    table(
      report.series.map((s) => [
        s.series,
        policy(s),
        String(s.expiring),
        s.oldest ?? '',
        s.newest ?? '',
        String(s.heldByLegalHold),
        String(s.heldByMinimum),
      ]),
      [
        'series',
        'policy',
        'expiring',
        'oldest',
        'newest',
        'legal hold',
        `AU-11 (<${report.auditMinimumDays}d)`,
      ],
    ),
  );
  for (const s of report.series) {
    for (const hold of s.holds) {
      line(
        out,
        `${s.series}: ${hold.records} held${hold.subject ? ` for ${hold.subject}` : ''}${hold.until ? ` until ${hold.until}` : ''}: ${hold.reason}`,
      );
    }
    for (const note of s.notes) if (s.policies.length > 0) line(out, `${s.series}: ${note}`);
  }
  const total = report.series.reduce((sum, s) => sum + s.expiring, 0);
  if (report.mode === 'dry-run') {
    line(
      out,
      total === 0
        ? 'nothing expires'
        : `dry run: ${total} record(s) would be archived to ${report.archiveDir} and deleted; run with --apply`,
    );
    return;
  }
  if (!report.bundle) {
    line(out, 'nothing expired: nothing archived or deleted');
    return;
  }
  const deleted = Object.entries(report.deleted)
    .map(([series, n]) => `${n} ${series}`)
    .join(', ');
  line(
    out,
    `${paint(ctx.output, 'green', 'archived')} ${report.bundle.records} record(s) in ${report.bundle.path}`,
  );
  line(out, `  ${report.bundle.digest}`);
  line(out, `deleted ${deleted}; recorded as data.delete retention:${report.bundle.id}`);
}

export interface RetentionVerifyOptions {
  key: string[];
  json?: boolean;
}

/** `cara compliance retention verify BUNDLE`: checks a bundle's signature and digests; exit 1 if not. */
export async function runRetentionVerify(
  ctx: CliContext,
  bundle: string,
  options: RetentionVerifyOptions,
): Promise<void> {
  const dir = resolve(ctx.cwd(), bundle);
  const keys = options.key.map((file) => readVerifierKey(ctx, file));
  const verifiers: NoteVerifier[] =
    keys.length > 0
      ? keys
      : await withRuntime(
          { cwd: ctx.cwd(), env: ctx.env, output: ctx.output, command: 'compliance retention verify' },
          async (rt) => [verifierOf(rt.signer())],
        );
  const report = await verifyBundle(dir, verifiers);
  if (!report.ok) ctx.setExitCode(1);
  if (options.json) return json(ctx.output, report);
  printVerify(ctx, report);
}

function printVerify(ctx: CliContext, report: BundleVerifyReport): void {
  if (report.ok) {
    const series = report.series.map((s) => `${s.count} ${s.series}`).join(', ');
    line(
      ctx.output.out,
      `${paint(ctx.output, 'green', 'verified')}: bundle ${report.id} (${report.createdAt}), ${series}, under checkpoint size ${report.checkpoint?.size}`,
    );
    return;
  }
  line(ctx.output.err, `${paint(ctx.output, 'red', 'INVALID')}: ${report.bundle}`);
  for (const p of report.problems) line(ctx.output.err, `  ${p}`);
}

function readVerifierKey(ctx: CliContext, file: string): NoteVerifier {
  let text: string;
  try {
    text = readFileSync(resolve(ctx.cwd(), file), 'utf8');
  } catch (error) {
    throw new CaraError('USAGE', `cannot read the verifier key file ${file}: ${messageOf(error)}`);
  }
  try {
    return parseVerifierKey(text);
  } catch (error) {
    throw new CaraError('USAGE', `${file} is not a verifier key: ${messageOf(error)}`, {
      hint: 'get one with `cara audit key`',
    });
  }
}
