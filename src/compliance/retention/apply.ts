import { resolve } from 'node:path';
import type { AuditLog, NoteSigner } from '../../audit/index.js';
import { CaraError, type Clock, uuidv7 } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { type WrittenBundle, writeBundle } from './bundle.js';
import { planRetention, type RetentionConfig, type RetentionPlan } from './plan.js';
import { RECORD_SERIES_REGISTRY, type RecordSeries } from './series/index.js';

export interface RetentionRunOptions {
  store: Store;
  audit: AuditLog;
  config: RetentionConfig;
  /** The repository root: `archiveDir` is relative to it. */
  root: string;
  clock: Clock;
  registry?: ReadonlyMap<string, RecordSeries> | undefined;
}

export interface ApplyRetentionOptions extends RetentionRunOptions {
  origin: string;
  signer: NoteSigner;
}

export interface RetentionResult {
  plan: RetentionPlan;
  /** Undefined when nothing expired (no bundle, no deletion, no event). */
  bundle?: WrittenBundle | undefined;
  /** Records deleted (audit events: pruned) per series. */
  deleted: Record<string, number>;
}

/** The dry run: what `--apply` would archive and delete now. Reads only. */
export async function planRetentionNow(options: RetentionRunOptions): Promise<RetentionPlan> {
  const head = await options.audit.head();
  return planRetention(options.store.db, {
    config: options.config,
    now: options.clock.now(),
    auditBelow: head.size,
    registry: options.registry,
  });
}

/**
 * Archives what expired into a signed bundle, then deletes it in one transaction, then records a
 * `data.delete` event naming the bundle and its digest. Refuses to start on a log that does not
 * verify; signs a checkpoint first so every pruned event is under a signed root.
 */
export async function applyRetention(options: ApplyRetentionOptions): Promise<RetentionResult> {
  const { store, audit } = options;
  const registry = options.registry ?? RECORD_SERIES_REGISTRY;
  const verified = await audit.verify();
  if (!verified.ok) {
    throw new CaraError(
      'AUDIT_TAMPERED',
      `the audit log does not verify (${verified.failure?.reason ?? 'unknown reason'}); retention deletes nothing`,
      { hint: 'run `cara audit verify` and restore the store before applying retention', exitCode: 1 },
    );
  }
  const checkpoint = await audit.checkpoint();
  const now = options.clock.now();
  const plan = await planRetention(store.db, {
    config: options.config,
    now,
    auditBelow: checkpoint.size,
    registry,
  });
  const deleted: Record<string, number> = {};
  if (plan.series.every((s) => s.expiring.length === 0)) return { plan, deleted };

  const bundle = await writeBundle({
    db: store.db,
    plan,
    registry,
    archiveDir: resolve(options.root, options.config.archiveDir),
    root: options.root,
    id: uuidv7(now.getTime()),
    now,
    origin: options.origin,
    signer: options.signer,
    checkpoint,
  });
  const context = {
    bundle: bundle.path,
    digest: bundle.digest,
    manifest: bundle.note,
    createdAt: now.toISOString(),
  };
  const subject = `retention:${bundle.id}`;
  try {
    await store.exclusive('audit', async (trx) => {
      for (const series of plan.series) {
        const reader = registry.get(series.series);
        if (!reader || series.expiring.length === 0) continue;
        deleted[series.series] = await reader.delete(
          trx,
          series.expiring.map((r) => r.key),
          context,
        );
      }
    });
  } catch (error) {
    await audit.record({
      type: 'data.delete',
      outcome: 'failure',
      reason: `archived but not deleted: ${(error as Error).message}`,
      subject,
      details: { bundle: bundle.path, digest: `sha256:${bundle.digest}` },
    });
    throw error;
  }
  await audit.record({
    type: 'data.delete',
    outcome: 'success',
    reason: 'retention policy',
    subject,
    details: {
      bundle: bundle.path,
      digest: `sha256:${bundle.digest}`,
      deleted,
      checkpoint: checkpoint.size,
      heldByLegalHold: Object.fromEntries(plan.series.map((s) => [s.series, s.held.length])),
      heldByMinimum: plan.series.find((s) => s.series === 'audit-events')?.heldByMinimum.length ?? 0,
    },
  });
  return { plan, bundle, deleted };
}
