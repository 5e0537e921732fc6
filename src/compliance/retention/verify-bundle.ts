import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  merkle,
  type NoteVerifier,
  noteSignedBy,
  parseCheckpointBody,
  parseNote,
  prunedLeavesDigest,
} from '../../audit/index.js';
import { CaraError, messageOf } from '../../core/index.js';
import { BUNDLE_FORMAT, type BundleManifest, MANIFEST_FILE } from './bundle.js';

export interface BundleVerifyReport {
  ok: boolean;
  bundle: string;
  id: string | null;
  createdAt: string | null;
  records: number;
  series: { series: string; count: number }[];
  checkpoint: { size: number; root: string } | null;
  /** Every discrepancy found; empty when the bundle verifies. */
  problems: string[];
}

/**
 * Checks a retention bundle with nothing but the bundle and the public key: the manifest's
 * signature, the records file's SHA-256, size and line count, each series' count, every archived
 * audit event against its leaf hash, the pruning statement, and the embedded checkpoint's signature.
 */
export async function verifyBundle(
  dir: string,
  verifiers: readonly NoteVerifier[],
): Promise<BundleVerifyReport> {
  const report: BundleVerifyReport = {
    ok: false,
    bundle: dir,
    id: null,
    createdAt: null,
    records: 0,
    series: [],
    checkpoint: null,
    problems: [],
  };
  const problem = (text: string) => report.problems.push(text);
  let noteText: string;
  try {
    noteText = readFileSync(join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    throw new CaraError('USAGE', `${dir} is not a retention bundle: ${messageOf(error)}`, {
      hint: 'give the bundle folder that `cara compliance retention --apply` printed',
    });
  }
  let manifest: BundleManifest;
  try {
    const note = parseNote(noteText);
    if (!verifiers.some((v) => noteSignedBy(note, v))) problem('the manifest is not signed by a trusted key');
    manifest = JSON.parse(note.body) as BundleManifest;
    if (manifest.format !== BUNDLE_FORMAT) throw new Error(`unknown format ${String(manifest.format)}`);
  } catch (error) {
    problem(`the manifest is malformed: ${messageOf(error)}`);
    return report;
  }
  report.id = manifest.id;
  report.createdAt = manifest.createdAt;
  report.checkpoint = { size: manifest.checkpoint.size, root: manifest.checkpoint.root };
  checkCheckpoint(manifest, verifiers, problem);

  const file = join(dir, manifest.records.file);
  const hash = createHash('sha256');
  let bytes = 0;
  const counts = new Map<string, number>();
  const audit: { seq: number; leafHash: Buffer }[] = [];
  try {
    const stream = createReadStream(file);
    stream.on('data', (chunk) => {
      hash.update(chunk);
      bytes += chunk.length;
    });
    for await (const text of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
      report.records++;
      const line = JSON.parse(text) as { series: string; record: unknown };
      counts.set(line.series, (counts.get(line.series) ?? 0) + 1);
      if (line.series === 'audit-events') {
        const event = checkAuditRecord(line.record, report.records, problem);
        if (event) audit.push(event);
      }
    }
  } catch (error) {
    problem(`cannot read ${manifest.records.file}: ${messageOf(error)}`);
    return report;
  }
  const digest = hash.digest('hex');
  if (digest !== manifest.records.sha256)
    problem(`${manifest.records.file} has sha256 ${digest}, the manifest says ${manifest.records.sha256}`);
  if (bytes !== manifest.records.bytes)
    problem(`${manifest.records.file} has ${bytes} bytes, the manifest says ${manifest.records.bytes}`);
  if (report.records !== manifest.records.count)
    problem(
      `${manifest.records.file} has ${report.records} records, the manifest says ${manifest.records.count}`,
    );
  report.series = [...counts].map(([series, count]) => ({ series, count }));
  for (const s of manifest.series) {
    if ((counts.get(s.series) ?? 0) !== s.count)
      problem(`${s.series}: ${counts.get(s.series) ?? 0} records, the manifest says ${s.count}`);
  }
  if (audit.length > 0 || manifest.auditPrune) {
    const leaves = prunedLeavesDigest(audit);
    if (manifest.auditPrune?.events !== audit.length || manifest.auditPrune.leaves !== leaves) {
      problem('the archived audit events are not the ones the manifest says were pruned');
    }
  }
  report.ok = report.problems.length === 0;
  return report;
}

function checkCheckpoint(
  manifest: BundleManifest,
  verifiers: readonly NoteVerifier[],
  problem: (t: string) => void,
): void {
  try {
    const note = parseNote(manifest.checkpoint.note);
    const body = parseCheckpointBody(note.body);
    if (!verifiers.some((v) => noteSignedBy(note, v)))
      problem('the embedded audit checkpoint is not signed by a trusted key');
    if (body.size !== manifest.checkpoint.size || body.root.toString('base64') !== manifest.checkpoint.root) {
      problem('the embedded audit checkpoint does not match the size and root the manifest states');
    }
  } catch (error) {
    problem(`the embedded audit checkpoint is malformed: ${messageOf(error)}`);
  }
}

/** An archived audit event: its leaf text must hash to its recorded leaf hash, at its index. */
function checkAuditRecord(
  record: unknown,
  line: number,
  problem: (t: string) => void,
): { seq: number; leafHash: Buffer } | undefined {
  const r = record as { seq?: unknown; leaf?: unknown; leafHash?: unknown };
  if (typeof r.seq !== 'number' || typeof r.leaf !== 'string' || typeof r.leafHash !== 'string') {
    problem(`line ${line}: an audit record needs seq, leaf and leafHash`);
    return undefined;
  }
  const leafHash = Buffer.from(r.leafHash, 'base64');
  if (!merkle.leafHashOfText(r.leaf).equals(leafHash)) {
    problem(`line ${line}: audit event ${r.seq} does not hash to its recorded leaf hash`);
  } else if ((JSON.parse(r.leaf) as { seq?: unknown }).seq !== r.seq) {
    problem(`line ${line}: audit event ${r.seq} was recorded at another index`);
  }
  return { seq: r.seq, leafHash };
}
