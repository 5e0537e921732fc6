import type { Kysely } from 'kysely';
import type { Clock } from '../core/index.js';
import { CaraError, redactObject, uuidv7 } from '../core/index.js';
import type { Database, Store } from '../store/index.js';
import { canonicalJson } from './canonical-json.js';
import { isAuditEventType } from './catalogue.js';
import { type AuditEvent, leafText } from './event.js';
import { EMPTY_ROOT, Frontier, frontierNodes, leafHashOfText } from './merkle/index.js';
import { readNodes } from './nodes.js';

/** Where and by whom events are being recorded; fills the AU-3 fields callers leave out. */
export interface AuditContext {
  host: string;
  repository: string;
  environment: string;
  actor: string;
  component: string;
  command: string;
}

export interface AuditEventInput {
  type: string;
  outcome: 'success' | 'failure';
  reason?: string | undefined;
  subject?: string | undefined;
  details?: Record<string, unknown> | undefined;
  actor?: string | undefined;
  component?: string | undefined;
  command?: string | undefined;
}

export interface TreeHead {
  size: number;
  root: Buffer;
}

const INSERT_CHUNK = 500;

/**
 * Appends events to the Merkle log. A batch is one transaction under the store's `audit` lock,
 * so concurrent writers queue instead of forking the tree, and a killed process leaves nothing.
 */
export async function appendEvents(
  store: Store,
  context: AuditContext,
  inputs: readonly AuditEventInput[],
  clock: Clock,
): Promise<AuditEvent[]> {
  const prepared = inputs.map((input) => prepare(input, context));
  return store.exclusive('audit', async (trx) => {
    const head = await readHead(trx);
    const frontier = await loadFrontier(trx, head);
    const rows: { seq: number; leaf: string; hashes: Buffer }[] = [];
    const events: AuditEvent[] = [];
    for (const base of prepared) {
      const time = clock.now();
      const event: AuditEvent = {
        ...base,
        seq: frontier.size,
        id: uuidv7(time.getTime()),
        time: time.toISOString(),
      };
      const leaf = leafText(event);
      const completed = frontier.append(leafHashOfText(leaf));
      rows.push({ seq: event.seq, leaf, hashes: Buffer.concat(completed) });
      events.push(event);
    }
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await trx
        .insertInto('audit_events')
        .values(rows.slice(i, i + INSERT_CHUNK))
        .execute();
    }
    await writeHead(trx, { size: frontier.size, root: frontier.root() }, clock);
    return events;
  });
}

function prepare(input: AuditEventInput, context: AuditContext): Omit<AuditEvent, 'seq' | 'id' | 'time'> {
  if (!isAuditEventType(input.type)) {
    throw new CaraError('USAGE', `unknown audit event type "${input.type}"`, {
      hint: 'run `cara audit types` for the catalogue',
    });
  }
  const event = {
    type: input.type,
    where: { host: context.host, repository: context.repository, environment: context.environment },
    source: { component: input.component ?? context.component, command: input.command ?? context.command },
    outcome: { status: input.outcome, reason: input.reason ?? null },
    actor: input.actor ?? context.actor,
    subject: input.subject ?? null,
    details: redactObject(input.details ?? {}) as Record<string, unknown>,
  };
  // Fails here, before the transaction, on anything canonical JSON cannot hold (lone surrogates, NaN, ...).
  try {
    canonicalJson(event);
  } catch (error) {
    throw new CaraError('USAGE', `the event cannot be recorded: ${(error as Error).message}`, {
      hint: 'details must be JSON: finite numbers, well-formed strings, plain objects and arrays',
    });
  }
  return event;
}

export async function readHead(db: Kysely<Database>): Promise<TreeHead> {
  const row = await db
    .selectFrom('audit_head')
    .select(['size', 'root'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return row ? { size: Number(row.size), root: Buffer.from(row.root) } : { size: 0, root: EMPTY_ROOT };
}

async function writeHead(trx: Kysely<Database>, head: TreeHead, clock: Clock): Promise<void> {
  const values = { id: 1, size: head.size, root: head.root, updated_at: clock.now().toISOString() };
  await trx
    .insertInto('audit_head')
    .values(values)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ size: head.size, root: head.root, updated_at: values.updated_at }),
    )
    .execute();
}

/** Restores the right edge of the tree from O(log n) stored nodes, and checks it against the head. */
async function loadFrontier(trx: Kysely<Database>, head: TreeHead): Promise<Frontier> {
  if (head.size === 0) return Frontier.empty();
  const nodes = frontierNodes(head.size);
  const hashes = await readNodes(trx, nodes);
  const frontier = Frontier.fromHashes(head.size, nodes.map(hashes));
  if (!frontier.root().equals(head.root)) {
    throw new CaraError(
      'AUDIT_TAMPERED',
      'the audit log does not match its own tree head; refusing to append',
      {
        hint: 'run `cara audit verify` to find the damaged event, and restore the store from a backup',
        exitCode: 1,
      },
    );
  }
  return frontier;
}
