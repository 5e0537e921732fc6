import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Kysely } from 'kysely';
import {
  canonicalJson,
  type NoteSigner,
  prunedLeavesDigest,
  type StoredCheckpoint,
  signNote,
} from '../../audit/index.js';
import { CaraError, messageOf } from '../../core/index.js';
import type { Database } from '../../store/index.js';
import type { RetentionPlan } from './plan.js';
import type { RecordSeries } from './series/index.js';

export const BUNDLE_FORMAT = 'cara-retention-bundle/1';
export const RECORDS_FILE = 'records.ndjson';
export const MANIFEST_FILE = 'manifest.note';

/** The manifest: what the bundle holds, signed as a C2SP note whose body is its canonical JSON. */
export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  id: string;
  createdAt: string;
  origin: string;
  records: { file: string; sha256: string; bytes: number; count: number };
  series: { series: string; count: number; oldest: string | null; newest: string | null }[];
  /** The signed audit checkpoint the export was made under (its note, verbatim). */
  checkpoint: { size: number; root: string; note: string };
  auditMinimumDays: number;
  /** Present when the bundle holds audit events: the statement `cara audit verify` checks. */
  auditPrune?: { id: string; events: number; leaves: string };
}

export interface WrittenBundle {
  id: string;
  /** The bundle folder (absolute). */
  dir: string;
  /** The bundle folder as recorded: relative to the repository root when inside it. */
  path: string;
  /** SHA-256 (hex) of the records file. */
  digest: string;
  manifest: BundleManifest;
  /** The signed manifest note. */
  note: string;
}

export interface WriteBundleOptions {
  db: Kysely<Database>;
  plan: RetentionPlan;
  registry: ReadonlyMap<string, RecordSeries>;
  /** Absolute folder that receives the bundle. */
  archiveDir: string;
  root: string;
  id: string;
  now: Date;
  origin: string;
  signer: NoteSigner;
  checkpoint: StoredCheckpoint;
}

/**
 * Writes every expiring record as one NDJSON line (`{series, key, time, record}`) and the signed
 * manifest, in a hidden folder renamed into place once both are on disk: a bundle is complete
 * or absent. Nothing is deleted here.
 */
export async function writeBundle(options: WriteBundleOptions): Promise<WrittenBundle> {
  const { plan, archiveDir } = options;
  const name = `retention-${options.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${options.id.slice(-12)}`;
  const partial = join(archiveDir, `.partial-${name}`);
  const dir = join(archiveDir, name);
  try {
    mkdirSync(partial, { recursive: true });
  } catch (error) {
    throw unwritable(archiveDir, error);
  }
  try {
    const hash = createHash('sha256');
    let bytes = 0;
    let count = 0;
    const audit: { seq: number; leafHash: Buffer }[] = [];
    const fd = openSync(join(partial, RECORDS_FILE), 'wx', 0o600);
    try {
      for (const series of plan.series) {
        const reader = options.registry.get(series.series);
        if (!reader || series.expiring.length === 0) continue;
        const records = await reader.export(
          options.db,
          series.expiring.map((r) => r.key),
        );
        for (const [i, record] of records.entries()) {
          const meta = series.expiring[i];
          const text = `${JSON.stringify({ series: series.series, key: meta?.key, time: meta?.time, record })}\n`;
          const buffer = Buffer.from(text, 'utf8');
          writeSync(fd, buffer);
          hash.update(buffer);
          bytes += buffer.length;
          count++;
          if (series.series === 'audit-events') {
            const r = record as { seq: number; leafHash: string };
            audit.push({ seq: r.seq, leafHash: Buffer.from(r.leafHash, 'base64') });
          }
        }
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const digest = hash.digest('hex');
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      id: options.id,
      createdAt: options.now.toISOString(),
      origin: options.origin,
      records: { file: RECORDS_FILE, sha256: digest, bytes, count },
      series: plan.series
        .filter((s) => s.expiring.length > 0)
        .map((s) => {
          const times = s.expiring.map((r) => r.time).sort();
          return {
            series: s.series,
            count: s.expiring.length,
            oldest: times[0] ?? null,
            newest: times.at(-1) ?? null,
          };
        }),
      checkpoint: {
        size: options.checkpoint.size,
        root: options.checkpoint.root.toString('base64'),
        note: options.checkpoint.note,
      },
      auditMinimumDays: plan.auditMinimumDays,
      ...(audit.length > 0
        ? { auditPrune: { id: options.id, events: audit.length, leaves: prunedLeavesDigest(audit) } }
        : {}),
    };
    const note = signNote(`${canonicalJson(manifest)}\n`, options.signer);
    const mfd = openSync(join(partial, MANIFEST_FILE), 'wx', 0o600);
    try {
      writeSync(mfd, note);
      fsyncSync(mfd);
    } finally {
      closeSync(mfd);
    }
    renameSync(partial, dir);
    const inside = relative(options.root, dir);
    const path = inside.startsWith('..') ? dir : inside;
    return { id: options.id, dir, path, digest, manifest, note };
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    if (error instanceof CaraError) throw error;
    if (isFsError(error)) throw unwritable(archiveDir, error);
    throw error;
  }
}

function isFsError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

function unwritable(dir: string, error: unknown): CaraError {
  return new CaraError(
    'USAGE',
    `cannot write the retention archive in ${dir}: ${messageOf(error)}; nothing was deleted`,
    {
      cause: error,
      hint: 'make the folder writable, or set retention.archiveDir in cara.config.yaml to one that is',
    },
  );
}
