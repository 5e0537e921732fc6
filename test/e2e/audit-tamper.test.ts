/**
 * Tampering with the store file outside cara must make `cara audit verify` exit 1 and name the
 * first bad index; an untouched log must verify.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime } from '../../src/cli/runtime.js';
import { readEnv } from '../../src/core/index.js';
import { makeGitRepo, makeTempDir, runCara, type TempRepo } from '../support/cli.js';

const sink = { write: () => true } as unknown as NodeJS.WritableStream;
const quiet = { out: sink, err: sink, color: false } as never;

let template: TempRepo;
let scratch: TempRepo;
let firstSeq = 0;
let externalCheckpoint = '';
const EVENTS = 40;

/** Appends events through the same runtime the CLI uses, then closes the store cleanly. */
async function append(dir: string, count: number, tag: string): Promise<number[]> {
  const rt = await openRuntime({
    cwd: dir,
    env: { ...readEnv({}), actor: 'tester@example.gov' },
    output: quiet,
    command: 'test',
  });
  const seqs: number[] = [];
  for (let i = 0; i < count; i++) {
    const [event] = await rt.audit.recordMany([
      {
        type: 'test.run',
        outcome: i % 7 === 0 ? 'failure' : 'success',
        subject: `commit-${i}`,
        details: { marker: `${tag}-${String(i).padStart(3, '0')}` },
      },
    ]);
    if (event) seqs.push(event.seq);
    if (i % 10 === 9) await rt.audit.checkpoint();
  }
  await rt.finish();
  return seqs;
}

function copyOf(): string {
  const dir = join(scratch.dir, `case-${Math.random().toString(36).slice(2)}`);
  cpSync(template.dir, dir, { recursive: true });
  return dir;
}

function sqlite(dir: string, fn: (db: Database.Database) => void): void {
  const db = new Database(join(dir, '.cara/cara.db'));
  try {
    fn(db);
  } finally {
    db.close();
  }
}

async function expectTampered(dir: string, index: number, args: string[] = []) {
  const result = await runCara(['audit', 'verify', ...args], { cwd: dir });
  expect(result.stderr).toContain(`first bad index ${index} `);
  expect(result.code).toBe(1);
  const asJson = await runCara(['audit', 'verify', '--json', ...args], { cwd: dir });
  expect(asJson.code).toBe(1);
  const report = JSON.parse(asJson.stdout) as {
    ok: boolean;
    failure: { index: number; kind: string; reason: string };
  };
  expect(report.ok).toBe(false);
  expect(report.failure.index).toBe(index);
  return report.failure;
}

beforeAll(async () => {
  template = makeGitRepo();
  scratch = makeTempDir();
  const init = await runCara(['init'], { cwd: template.dir });
  expect(init.code, init.stderr).toBe(0);
  const seqs = await append(template.dir, EVENTS, 'TAMPER');
  firstSeq = seqs[0] ?? -1;
  externalCheckpoint = join(scratch.dir, 'escrow.txt');
  const cp = await runCara(['audit', 'checkpoint', '--out', externalCheckpoint], { cwd: template.dir });
  expect(cp.code, cp.stderr).toBe(0);
});

afterAll(() => {
  template?.remove();
  scratch?.remove();
});

describe('cara audit verify on a tampered store', () => {
  it('passes on an untouched log, with and without the external checkpoint', async () => {
    const dir = copyOf();
    const plain = await runCara(['audit', 'verify'], { cwd: dir });
    expect(plain.stdout).toContain(`verified: ${EVENTS + 2} events`);
    expect(plain.code).toBe(0);
    const external = await runCara(['audit', 'verify', '--checkpoint', externalCheckpoint, '--json'], {
      cwd: dir,
    });
    expect(external.code).toBe(0);
    expect(JSON.parse(external.stdout)).toMatchObject({
      ok: true,
      events: EVENTS + 2,
      externalCheckpoints: 1,
    });
  });

  it("catches one changed byte in an event's details, edited in the database file itself", async () => {
    const dir = copyOf();
    const file = join(dir, '.cara/cara.db');
    rmSync(`${file}-wal`, { force: true });
    const bytes = readFileSync(file);
    const marker = Buffer.from('TAMPER-017');
    const at = bytes.indexOf(marker);
    expect(at).toBeGreaterThan(0);
    expect(bytes.indexOf(marker, at + 1)).toBe(-1);
    bytes[at + marker.length - 1] = '8'.charCodeAt(0);
    writeFileSync(file, bytes);
    const failure = await expectTampered(dir, firstSeq + 17);
    expect(failure.kind).toBe('modified');
  });

  it('catches a changed actor, edited with SQL; the derived actor column cannot be edited on its own', async () => {
    const dir = copyOf();
    sqlite(dir, (db) => {
      expect(() =>
        db.prepare("update audit_events set actor = 'mallory' where seq = ?").run(firstSeq + 3),
      ).toThrow(/generated column/);
      db.prepare(
        "update audit_events set leaf = replace(leaf, 'tester@example.gov', 'mallory@example.gov') where seq = ?",
      ).run(firstSeq + 3);
    });
    expect((await expectTampered(dir, firstSeq + 3)).kind).toBe('modified');
  });

  it('catches a deleted row', async () => {
    const dir = copyOf();
    sqlite(dir, (db) => db.prepare('delete from audit_events where seq = ?').run(firstSeq + 9));
    expect((await expectTampered(dir, firstSeq + 9)).kind).toBe('missing');
  });

  it.each([
    ['adjacent', 4, 5],
    ['of the same shape (both close no subtree)', 6, 8],
  ])('catches two swapped rows: %s', async (_name, i, j) => {
    const dir = copyOf();
    const a = firstSeq + i;
    const b = firstSeq + j;
    sqlite(dir, (db) => {
      const swap = db.transaction(() => {
        db.prepare('update audit_events set seq = -1 where seq = ?').run(a);
        db.prepare('update audit_events set seq = ? where seq = ?').run(a, b);
        db.prepare('update audit_events set seq = ? where seq = -1').run(b);
      });
      swap();
    });
    expect((await expectTampered(dir, a)).kind).toBe('modified');
  });

  it('catches a truncated tail', async () => {
    const dir = copyOf();
    sqlite(dir, (db) => db.prepare('delete from audit_events where seq >= ?').run(firstSeq + 30));
    expect((await expectTampered(dir, firstSeq + 30)).kind).toBe('truncated');
  });

  it('catches a truncated tail even when the head and checkpoints are truncated too, against an external checkpoint', async () => {
    const dir = copyOf();
    const keep = firstSeq + 25;
    sqlite(dir, (db) => {
      db.prepare('delete from audit_events where seq >= ?').run(keep);
      db.prepare('delete from audit_checkpoints where tree_size > ?').run(keep);
      db.prepare('delete from audit_head').run();
    });
    const failure = await expectTampered(dir, keep, ['--checkpoint', externalCheckpoint]);
    expect(failure.kind).toBe('truncated');
  });

  it('catches an event inserted after the signed head', async () => {
    const dir = copyOf();
    const size = EVENTS + 2;
    sqlite(dir, (db) => {
      const row = db.prepare('select * from audit_events where seq = ?').get(firstSeq) as Record<
        string,
        unknown
      >;
      const leaf = String(row.leaf)
        .replace(`,"seq":${firstSeq},`, `,"seq":${size},`)
        .replace(/"id":"[^"]+"/, '"id":"forged"');
      db.prepare('insert into audit_events (seq, leaf, hashes) values (?, ?, ?)').run(size, leaf, row.hashes);
    });
    expect((await expectTampered(dir, size)).kind).toBe('inserted');
  });

  it('catches a wholesale rewrite under a new key, given a checkpoint kept elsewhere', async () => {
    const dir = copyOf();
    rmSync(join(dir, '.cara'), { recursive: true, force: true });
    const init = await runCara(['init'], { cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    await append(dir, EVENTS, 'FORGED');
    // The rewritten log is self-consistent: only the external checkpoint can expose it.
    expect((await runCara(['audit', 'verify'], { cwd: dir })).code).toBe(0);
    const failure = await expectTampered(dir, EVENTS + 1, ['--checkpoint', externalCheckpoint]);
    expect(failure.kind).toBe('checkpoint');
    expect(failure.reason).toContain('not signed by a trusted key');
  });

  it('catches a rewrite under the old key against an old checkpoint (root mismatch)', async () => {
    const dir = copyOf();
    const key = readFileSync(join(dir, '.cara/signing-key.pem'));
    rmSync(join(dir, '.cara'), { recursive: true, force: true });
    const init = await runCara(['init'], { cwd: dir });
    expect(init.code).toBe(0);
    writeFileSync(join(dir, '.cara/signing-key.pem'), key, { mode: 0o600 });
    // Re-sign the new history with the stolen old key so every signature is valid.
    sqlite(dir, (db) => db.prepare('delete from audit_checkpoints').run());
    await append(dir, EVENTS, 'FORGED');
    const failure = await expectTampered(dir, EVENTS + 1, ['--checkpoint', externalCheckpoint]);
    expect(failure.kind).toBe('rewritten');
  });
});
