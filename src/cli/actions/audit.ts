import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type AuditEvent,
  auditEventCatalogue,
  formatVerifierKey,
  type NoteVerifier,
  parseCheckpointBody,
  parseNote,
  parseVerifierKey,
  verifierOf,
} from '../../audit/index.js';
import { CaraError, messageOf } from '../../core/index.js';
import type { CliContext } from '../context.js';
import { json, line, paint, table } from '../output.js';
import { type Runtime, withRuntime } from '../runtime.js';

const open = <T>(ctx: CliContext, command: string, fn: (rt: Runtime) => Promise<T>) =>
  withRuntime({ cwd: ctx.cwd(), env: ctx.env, output: ctx.output, command }, fn);

export interface AuditRecordOptions {
  type: string;
  outcome: string;
  reason?: string;
  subject?: string;
  actor?: string;
  detail: string[];
  json?: boolean;
}

export async function runAuditRecord(ctx: CliContext, options: AuditRecordOptions): Promise<void> {
  if (options.outcome !== 'success' && options.outcome !== 'failure') {
    throw new CaraError('USAGE', `--outcome must be success or failure, not "${options.outcome}"`);
  }
  const details = parseDetails(options.detail);
  const event = await open(ctx, 'audit record', (rt) =>
    rt.audit.record({
      type: options.type,
      outcome: options.outcome as 'success' | 'failure',
      reason: options.reason,
      subject: options.subject,
      actor: options.actor,
      details,
    }),
  );
  if (options.json) return json(ctx.output, event);
  line(ctx.output.out, `recorded #${event.seq} ${event.type} ${event.outcome.status} (${event.id})`);
}

/** `k=v` pairs into an object; a repeated key becomes a list. */
export function parseDetails(pairs: readonly string[]): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CaraError('USAGE', `--detail "${pair}" must look like key=value`);
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const previous = details[key];
    details[key] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return details;
}

export interface AuditLogOptions {
  since?: string;
  type?: string;
  actor?: string;
  limit?: string;
  json?: boolean;
}

export async function runAuditLog(ctx: CliContext, options: AuditLogOptions): Promise<void> {
  if (options.since && Number.isNaN(Date.parse(options.since))) {
    throw new CaraError('USAGE', `--since "${options.since}" is not a date or ISO time`, {
      hint: 'e.g. 2026-11-01 or 2026-11-01T12:00:00Z',
    });
  }
  const limit = options.limit === undefined ? undefined : Number(options.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new CaraError('USAGE', `--limit must be a whole number, not "${options.limit}"`);
  }
  const { events, prunes } = await open(ctx, 'audit log', async (rt) => ({
    events: await rt.audit.list({ since: options.since, type: options.type, actor: options.actor, limit }),
    prunes: await rt.audit.prunes(),
  }));
  if (options.json) return json(ctx.output, events);
  if (events.length === 0) line(ctx.output.out, 'no events');
  else {
    line(
      ctx.output.out,
      table(
        events.map((e) => eventRow(ctx, e)),
        ['#', 'time', 'type', 'outcome', 'actor', 'subject'],
      ),
    );
  }
  for (const p of prunes) {
    const ranges = p.ranges.map(([a, b]) => (a === b ? `#${a}` : `#${a}-#${b}`)).join(', ');
    line(
      ctx.output.out,
      `pruned by retention ${p.createdAt}: ${p.events} event(s) ${ranges}, archived in ${p.bundle} (sha256 ${p.digest})`,
    );
  }
}

function eventRow(ctx: CliContext, e: AuditEvent): string[] {
  const outcome =
    e.outcome.status === 'success'
      ? paint(ctx.output, 'green', 'success')
      : paint(ctx.output, 'red', 'failure');
  return [String(e.seq), e.time, e.type, outcome, e.actor, e.subject ?? ''];
}

export interface AuditVerifyOptions {
  checkpoint: string[];
  key: string[];
  record?: boolean;
  json?: boolean;
}

export async function runAuditVerify(ctx: CliContext, options: AuditVerifyOptions): Promise<void> {
  const external = options.checkpoint.map((file) => ({
    label: file,
    note: readText(ctx, file, 'checkpoint'),
  }));
  const extraKeys = options.key.map((file) => readVerifierKey(ctx, file));
  const progress = progressPrinter(ctx);
  const report = await open(ctx, 'audit verify', async (rt) => {
    const verifiers: NoteVerifier[] = [verifierOf(rt.signer()), ...extraKeys];
    const result = await rt.audit.verify({ verifiers, external, onProgress: progress });
    if (options.record) {
      await rt.audit.record({
        type: 'audit.verify',
        outcome: result.ok ? 'success' : 'failure',
        reason: result.failure?.reason,
        details: {
          events: result.events,
          checkpoints: result.checkpoints,
          external: result.externalCheckpoints,
        },
      });
    }
    return result;
  });
  progress.done();
  if (!report.ok) ctx.setExitCode(1);
  if (options.json) return json(ctx.output, report);
  if (report.ok) {
    line(
      ctx.output.out,
      `${paint(ctx.output, 'green', 'verified')}: ${report.events} events, root ${report.root}, ` +
        `${report.checkpoints} stored checkpoint(s)` +
        (report.pruned > 0 ? `, ${report.pruned} pruned by retention (hashes checked)` : '') +
        (report.externalCheckpoints > 0 ? `, ${report.externalCheckpoints} external checkpoint(s)` : ''),
    );
    return;
  }
  const f = report.failure;
  line(
    ctx.output.err,
    `${paint(ctx.output, 'red', 'TAMPERED')}: first bad index ${f?.index} (${f?.kind}): ${f?.reason}`,
  );
}

export async function runAuditProve(
  ctx: CliContext,
  eventId: string,
  options: { json?: boolean },
): Promise<void> {
  const { proof, checkpoint } = await open(ctx, 'audit prove', (rt) => rt.audit.prove(eventId));
  const result = {
    event: proof.event,
    leafIndex: proof.leafIndex,
    treeSize: proof.treeSize,
    leafHash: proof.leafHash.toString('base64'),
    proof: proof.proof.map((h) => h.toString('base64')),
    root: proof.root.toString('base64'),
    checkpoint: checkpoint.note,
  };
  if (options.json) return json(ctx.output, result);
  const { out } = ctx.output;
  line(
    out,
    `event #${result.leafIndex} ${proof.event.type} (${proof.event.id}) is in the tree of size ${result.treeSize}`,
  );
  line(out, `leaf hash  ${result.leafHash}`);
  for (const [i, h] of result.proof.entries()) line(out, `proof[${i}]   ${h}`);
  line(out, 'checkpoint:');
  out.write(checkpoint.note.replace(/^(?=.)/gm, '  '));
}

export async function runAuditConsistency(
  ctx: CliContext,
  file: string,
  options: { json?: boolean },
): Promise<void> {
  const text = readText(ctx, file, 'checkpoint');
  let old: { size: number; root: Buffer };
  try {
    old = parseCheckpointBody(parseNote(text).body);
  } catch (error) {
    throw new CaraError('CHECKPOINT_INVALID', `${file} is not a checkpoint note: ${messageOf(error)}`);
  }
  const result = await open(ctx, 'audit consistency', async (rt) => {
    const head = await rt.audit.head();
    if (old.size > head.size) {
      throw new CaraError(
        'AUDIT_TAMPERED',
        `the checkpoint has ${old.size} events but the log only ${head.size}: it was truncated`,
        {
          exitCode: 1,
        },
      );
    }
    return rt.audit.proveConsistency(old, head);
  });
  const out = {
    size1: result.size1,
    size2: result.size2,
    proof: result.proof.map((h) => h.toString('base64')),
  };
  if (options.json) return json(ctx.output, out);
  line(ctx.output.out, `the log (size ${out.size2}) is consistent with ${file} (size ${out.size1})`);
  for (const [i, h] of out.proof.entries()) line(ctx.output.out, `proof[${i}]  ${h}`);
}

export async function runAuditCheckpoint(
  ctx: CliContext,
  options: { out?: string; json?: boolean },
): Promise<void> {
  const cp = await open(ctx, 'audit checkpoint', (rt) => rt.audit.checkpoint());
  if (options.out) writeFileSync(resolve(ctx.cwd(), options.out), cp.note);
  if (options.json) {
    return json(ctx.output, {
      size: cp.size,
      root: cp.root.toString('base64'),
      keyId: cp.keyId,
      createdAt: cp.createdAt,
      note: cp.note,
    });
  }
  ctx.output.out.write(cp.note);
}

export async function runAuditKey(ctx: CliContext, options: { json?: boolean }): Promise<void> {
  const key = await open(ctx, 'audit key', async (rt) => formatVerifierKey(verifierOf(rt.signer())));
  if (options.json) return json(ctx.output, { verifierKey: key });
  line(ctx.output.out, key);
}

export async function runAuditTypes(ctx: CliContext, options: { json?: boolean }): Promise<void> {
  if (options.json) return json(ctx.output, auditEventCatalogue);
  line(ctx.output.out, table(Object.entries(auditEventCatalogue), ['type', 'recorded when']));
}

function readText(ctx: CliContext, file: string, what: string): string {
  try {
    return readFileSync(resolve(ctx.cwd(), file), 'utf8');
  } catch (error) {
    throw new CaraError('USAGE', `cannot read the ${what} file ${file}: ${messageOf(error)}`);
  }
}

function readVerifierKey(ctx: CliContext, file: string): NoteVerifier {
  try {
    return parseVerifierKey(readText(ctx, file, 'verifier key'));
  } catch (error) {
    if (error instanceof CaraError) throw error;
    throw new CaraError('USAGE', `${file} is not a verifier key: ${messageOf(error)}`, {
      hint: 'get one with `cara audit key`',
    });
  }
}

/** Progress on stderr for long verifications, only on a terminal. */
function progressPrinter(ctx: CliContext) {
  const tty = (ctx.output.err as { isTTY?: boolean }).isTTY === true;
  const started = Date.now();
  let shown = false;
  const fn = (checked: number, total: number) => {
    if (!tty || Date.now() - started < 2000) return;
    shown = true;
    ctx.output.err.write(`\rverifying ${checked}/${total} events`);
  };
  fn.done = () => {
    if (shown) ctx.output.err.write('\n');
  };
  return fn;
}
