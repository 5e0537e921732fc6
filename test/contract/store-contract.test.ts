/**
 * One contract for every store backend: the same tests run on SQLite and on a real PostgreSQL
 * cluster started for this file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditLog,
  canonicalJson,
  createSigningKey,
  listPrunable,
  loadSigner,
  merkle,
  type NoteSigner,
  prunedLeavesDigest,
  pruneEvents,
  signNote,
} from '../../src/audit/index.js';
import { CaraError, fixedClock, readEnv } from '../../src/core/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { postgresSkipReason, startPostgres, type ThrowawayPostgres } from '../support/postgres.js';

interface Backend {
  name: string;
  skip: string | undefined;
  setup(): Promise<void>;
  /** A fresh, empty store location. */
  options(): Promise<{ sqlitePath?: string; databaseUrl?: string }>;
  teardown(): Promise<void>;
}

const tmp = mkdtempSync(join(tmpdir(), 'cara-contract-'));
let signer: NoteSigner;
let pg: ThrowawayPostgres | undefined;
let pgDatabases = 0;

const pgSkip = postgresSkipReason();
if (pgSkip && readEnv().ci) {
  throw new Error(`PostgreSQL is required in CI but missing: ${pgSkip}`);
}
if (pgSkip) console.warn(`store contract on PostgreSQL skipped: ${pgSkip}`);

const backends: Backend[] = [
  {
    name: 'sqlite',
    skip: undefined,
    setup: async () => undefined,
    options: async () => ({ sqlitePath: join(mkdtempSync(join(tmp, 'db-')), 'cara.db') }),
    teardown: async () => undefined,
  },
  {
    name: 'postgres',
    skip: pgSkip,
    setup: async () => {
      pg = await startPostgres();
    },
    options: async () => {
      if (!pg) throw new Error('postgres not started');
      const name = `contract_${++pgDatabases}`;
      const admin = await openStore({ databaseUrl: pg.url });
      await sql.raw(`create database ${name}`).execute(admin.db);
      await admin.close();
      return { databaseUrl: pg.url.replace(/\/postgres$/, `/${name}`) };
    },
    teardown: async () => {
      await pg?.stop();
    },
  },
];

beforeAll(() => {
  const keyFile = join(tmp, 'key.pem');
  createSigningKey(keyFile);
  signer = loadSigner(keyFile, 'contract.local/test');
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function auditOn(store: Store, actor = 'contract@example.gov'): AuditLog {
  return new AuditLog({
    store,
    clock: fixedClock('2026-11-01T00:00:00.000Z', 1000),
    origin: 'contract.local/test',
    signer: () => signer,
    context: {
      host: 'h',
      repository: 'r',
      environment: 'test',
      actor,
      component: 'contract',
      command: 'test',
    },
  });
}

for (const backend of backends) {
  const suite = backend.skip ? describe.skip : describe;
  suite(`store contract: ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
    beforeAll(() => backend.setup());
    afterAll(() => backend.teardown());

    it('applies its migrations once, with checksums, and reopens without reapplying', async () => {
      const options = await backend.options();
      const first = await openStore(options);
      expect(first.dialect).toBe(backend.name);
      expect(first.migrations.applied).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      const rows = await first.db.selectFrom('cara_schema_migrations').selectAll().execute();
      expect(rows).toHaveLength(8);
      expect(rows[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
      await first.close();
      const again = await openStore(options);
      expect(again.migrations).toEqual({ applied: [], current: 8 });
      await again.close();
    });

    it('refuses a store whose applied migration was changed, or that a newer cara migrated', async () => {
      const options = await backend.options();
      const store = await openStore(options);
      await store.db
        .updateTable('cara_schema_migrations')
        .set({ checksum: 'f'.repeat(64) })
        .execute();
      await store.close();
      await expect(openStore(options)).rejects.toMatchObject({ code: 'STORE_MIGRATION' });

      const other = await backend.options();
      const newer = await openStore(other);
      await newer.db
        .insertInto('cara_schema_migrations')
        .values({ version: 999, name: 'future', checksum: 'x', applied_at: 'now' })
        .execute();
      await newer.close();
      const error = await openStore(other).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CaraError);
      expect((error as CaraError).message).toContain('999');
    });

    it('rolls back everything an exclusive block wrote when it throws', async () => {
      const store = await openStore(await backend.options());
      const audit = auditOn(store);
      await audit.record({ type: 'test.run', outcome: 'success' });
      await expect(
        store.exclusive('audit', async (trx) => {
          await trx.updateTable('audit_head').set({ size: 999 }).execute();
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await audit.head()).size).toBe(1);
      expect((await audit.verify()).ok).toBe(true);
      await store.close();
    });

    it('serialises writers on two separate connections: no fork, no lost event', async () => {
      const options = await backend.options();
      const a = await openStore(options);
      const b = await openStore(options);
      const logA = auditOn(a, 'a@example.gov');
      const logB = auditOn(b, 'b@example.gov');
      const burst = (log: AuditLog, tag: string) =>
        Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            log.record({ type: 'ci.step', outcome: 'success', subject: `${tag}${i}` }),
          ),
        );
      await Promise.all([
        burst(logA, 'a'),
        burst(logB, 'b'),
        logA.recordMany(
          Array.from({ length: 250 }, () => ({ type: 'test.run' as const, outcome: 'success' as const })),
        ),
      ]);
      const report = await logA.verify();
      expect(report).toMatchObject({ ok: true, events: 450, size: 450 });
      const seqs = (await logB.list()).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: 450 }, (_, i) => i));
      await a.close();
      await b.close();
    });

    it('returns numbers for big integer columns and keeps every AU-3 field', async () => {
      const store = await openStore(await backend.options());
      const audit = auditOn(store);
      const event = await audit.record({
        type: 'deploy.rollback',
        outcome: 'failure',
        reason: 'p99 latency above threshold',
        subject: 'deploy/42',
        details: { weight: 20, apiKey: 'sk-live-123', nested: { password: 'hunter2', ok: true } },
      });
      const [stored] = await audit.list();
      expect(stored).toEqual(event);
      expect(typeof stored?.seq).toBe('number');
      expect(stored).toMatchObject({
        type: 'deploy.rollback',
        time: '2026-11-01T00:00:00.000Z',
        where: { host: 'h', repository: 'r', environment: 'test' },
        source: { component: 'contract', command: 'test' },
        outcome: { status: 'failure', reason: 'p99 latency above threshold' },
        actor: 'contract@example.gov',
        subject: 'deploy/42',
        details: { weight: 20, apiKey: '[redacted]', nested: { password: '[redacted]', ok: true } },
      });
      await store.close();
    });

    it('filters the log by type, category, actor, time and limit', async () => {
      const store = await openStore(await backend.options());
      const audit = auditOn(store);
      await audit.recordMany([
        { type: 'deploy.start', outcome: 'success' },
        { type: 'deploy.finish', outcome: 'success', actor: 'bot' },
        { type: 'test.run', outcome: 'failure' },
      ]);
      expect((await audit.list({ type: 'deploy.*' })).map((e) => e.type)).toEqual([
        'deploy.start',
        'deploy.finish',
      ]);
      expect((await audit.list({ type: 'test.run' })).map((e) => e.seq)).toEqual([2]);
      expect((await audit.list({ actor: 'bot' })).map((e) => e.seq)).toEqual([1]);
      expect((await audit.list({ since: '2026-11-01T00:00:01.000Z' })).map((e) => e.seq)).toEqual([1, 2]);
      expect((await audit.list({ limit: 1 })).map((e) => e.seq)).toEqual([2]);
      await store.close();
    });

    it('proves inclusion and consistency against signed checkpoints', async () => {
      const store = await openStore(await backend.options());
      const audit = auditOn(store);
      await audit.recordMany(
        Array.from({ length: 37 }, (_, i) => ({
          type: 'test.run' as const,
          outcome: 'success' as const,
          subject: `t${i}`,
        })),
      );
      const old = await audit.checkpoint();
      for (let i = 0; i < 5; i++) await audit.record({ type: 'scan.run', outcome: 'success' });
      await audit.recordMany(
        Array.from({ length: 60 }, () => ({ type: 'ci.step' as const, outcome: 'success' as const })),
      );
      const { proof, checkpoint } = await audit.prove('21');
      expect(checkpoint.size).toBe(102);
      expect(() =>
        merkle.verifyInclusion(21, 102, proof.leafHash, proof.proof, checkpoint.root),
      ).not.toThrow();
      expect(() => merkle.verifyInclusion(22, 102, proof.leafHash, proof.proof, checkpoint.root)).toThrow();
      const byId = await audit.prove(proof.event.id);
      expect(byId.proof.leafIndex).toBe(21);
      const consistency = await audit.proveConsistency(old, checkpoint);
      expect(() =>
        merkle.verifyConsistency(37, 102, consistency.proof, old.root, checkpoint.root),
      ).not.toThrow();
      await expect(audit.prove('no-such-event')).rejects.toMatchObject({ code: 'AUDIT_NOT_FOUND' });
      await store.close();
    });

    it('prunes audit events under a signed statement: verify passes, proofs work, tampering fails', async () => {
      const store = await openStore(await backend.options());
      const audit = auditOn(store);
      await audit.recordMany(
        Array.from({ length: 40 }, (_, i) => ({
          type: 'test.run' as const,
          outcome: 'success' as const,
          subject: `p${i}`,
        })),
      );
      const checkpoint = await audit.checkpoint();
      const events = await listPrunable(store.db, {
        before: '2026-11-01T00:00:10.000Z',
        below: checkpoint.size,
      });
      expect(events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      const statement = { id: 'bundle-1', events: events.length, leaves: prunedLeavesDigest(events) };
      const manifest = signNote(`${canonicalJson({ auditPrune: statement })}\n`, signer);
      await store.exclusive('audit', (trx) =>
        pruneEvents(trx, {
          manifest,
          seqs: events.map((e) => e.seq),
          bundle: 'archive/bundle-1',
          digest: 'd',
          createdAt: '2026-12-01T00:00:00.000Z',
        }),
      );
      expect(await audit.verify()).toMatchObject({ ok: true, events: 40, pruned: 10 });
      expect((await audit.list()).map((e) => e.seq)[0]).toBe(10);
      expect((await audit.prunes())[0]).toMatchObject({ id: 'bundle-1', events: 10, ranges: [[0, 9]] });
      await audit.record({ type: 'data.delete', outcome: 'success' });
      const { proof } = await audit.prove('12');
      expect(proof.treeSize).toBe(41);
      await expect(audit.prove('3')).rejects.toMatchObject({ code: 'AUDIT_NOT_FOUND' });
      // A marker the signed statement does not list.
      await store.db
        .updateTable('audit_events')
        .set({ leaf: canonicalJson({ pruned: 'bundle-1', seq: 15 }) })
        .where('seq', '=', 15)
        .execute();
      expect((await audit.verify()).failure).toMatchObject({ kind: 'pruned' });
      await store.close();
    });

    it('verifies page by page: clean, then a bad stored hash, a gap and a changed leaf', async () => {
      const store = await openStore(await backend.options());
      const audit = auditOn(store);
      await audit.recordMany(
        Array.from({ length: 2500 }, (_, i) => ({
          type: 'test.run' as const,
          outcome: 'success' as const,
          subject: `s${i}`,
        })),
      );
      await audit.checkpoint();
      const both = async () => {
        const paged = await audit.verify({ pageSize: 300 });
        expect(await audit.verify()).toEqual(paged);
        return paged;
      };
      expect(await both()).toMatchObject({ ok: true, events: 2500 });
      await store.db
        .updateTable('audit_events')
        .set({ hashes: Buffer.alloc(128, 1) })
        .where('seq', '=', 2047)
        .execute();
      expect((await both()).failure).toMatchObject({ index: 2047, kind: 'modified' });
      await store.db.deleteFrom('audit_events').where('seq', '=', 1500).execute();
      expect((await both()).failure).toMatchObject({ index: 1500, kind: 'missing' });
      await store.db
        .updateTable('audit_events')
        .set((eb) => ({ leaf: eb.fn<string>('replace', ['leaf', eb.val('"s901"'), eb.val('"s9O1"')]) }))
        .where('seq', '=', 901)
        .execute();
      expect((await both()).failure).toMatchObject({ index: 901, kind: 'modified' });
      await store.close();
    });

    it('detects a row changed behind its back and refuses to append onto a broken tree head', async () => {
      const store = await openStore(await backend.options());
      const audit = auditOn(store);
      await audit.recordMany(
        Array.from({ length: 20 }, () => ({ type: 'test.run' as const, outcome: 'success' as const })),
      );
      await audit.checkpoint();
      await store.db
        .updateTable('audit_events')
        .set((eb) => ({
          leaf: eb.fn<string>('replace', [
            'leaf',
            eb.val('"status":"success"'),
            eb.val('"status":"failure"'),
          ]),
        }))
        .where('seq', '=', 13)
        .execute();
      // The query columns follow the edited leaf: the database derives them, it cannot be told otherwise.
      expect(
        (await audit.list({ actor: 'contract@example.gov' })).find((e) => e.seq === 13)?.outcome.status,
      ).toBe('failure');
      expect((await audit.verify()).failure).toMatchObject({ index: 13, kind: 'modified' });
      await store.db
        .updateTable('audit_head')
        .set({ root: Buffer.alloc(32) })
        .execute();
      await expect(audit.record({ type: 'test.run', outcome: 'success' })).rejects.toMatchObject({
        code: 'AUDIT_TAMPERED',
      });
      await store.close();
    });
  });
}

describe('store errors', () => {
  it('says clearly when PostgreSQL refuses the connection', async () => {
    const error = await openStore({ databaseUrl: 'postgres://cara:secret@127.0.0.1:1/cara' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CaraError);
    expect((error as CaraError).code).toBe('STORE_UNAVAILABLE');
    expect((error as CaraError).message).toContain('connection refused');
    expect((error as CaraError).message).not.toContain('secret');
  });

  it('rejects a URL that is not PostgreSQL', async () => {
    await expect(openStore({ databaseUrl: 'mysql://x' })).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
  });
});
