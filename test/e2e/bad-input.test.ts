/**
 * Every kind of bad input gets one clear message and exit code 2, and nothing recorded is lost.
 */
import { copyFileSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGitRepo, runCara, type TempRepo } from '../support/cli.js';

let repo: TempRepo;
let dir: string;
const config = () => join(dir, 'cara.config.yaml');
let goodConfig = '';

async function eventCount(): Promise<number> {
  const result = await runCara(['audit', 'verify', '--json'], { cwd: dir });
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { events: number }).events;
}

async function expectExit2(args: string[], ...fragments: string[]) {
  const result = await runCara(args, { cwd: dir });
  for (const f of fragments) expect(result.stderr).toContain(f);
  expect(result.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // no stack trace
  expect(result.code).toBe(2);
  return result;
}

beforeAll(async () => {
  repo = makeGitRepo();
  dir = repo.dir;
  expect((await runCara(['init'], { cwd: dir })).code).toBe(0);
  expect(
    (await runCara(['audit', 'record', '--type', 'test.run', '--outcome', 'success'], { cwd: dir })).code,
  ).toBe(0);
  goodConfig = readFileSync(config(), 'utf8');
});
afterAll(() => repo.remove());

describe('bad config', () => {
  it.each([
    ['malformed YAML', 'audit:\n  environment: "staging\nstore:\n  path: x\n', ['cara.config.yaml:2:']],
    [
      'an unknown key',
      'audit:\n  signingKy: k.pem\n',
      ['cara.config.yaml:2:3', 'audit.signingKy', 'did you mean `signingKey`'],
    ],
    [
      'a wrong type',
      'risk:\n  bands:\n    medium: lots\n',
      ['cara.config.yaml:3:', 'risk.bands.medium', 'expected number'],
    ],
    ['a top-level list', '- a\n- b\n', ['mapping']],
  ])('%s: names file, line and field, exit 2, nothing lost', async (_name, text, fragments) => {
    const before = await eventCount();
    writeFileSync(config(), text);
    await expectExit2(['audit', 'record', '--type', 'test.run', '--outcome', 'success'], ...fragments);
    await expectExit2(['config', 'validate'], ...fragments);
    writeFileSync(config(), goodConfig);
    expect(await eventCount()).toBe(before);
  });

  it('a missing config tells to run cara init', async () => {
    renameSync(config(), `${config()}.bak`);
    try {
      await expectExit2(['audit', 'log'], 'cara.config.yaml is missing', 'cara init');
    } finally {
      renameSync(`${config()}.bak`, config());
    }
  });
});

describe('bad environment', () => {
  it('a PostgreSQL URL that refuses: clear message, password hidden, exit 2', async () => {
    const result = await runCara(['audit', 'log'], {
      cwd: dir,
      env: { CARA_DATABASE_URL: 'postgres://cara:hunter2@127.0.0.1:1/cara' },
    });
    expect(result.stderr).toContain(
      'cannot connect to PostgreSQL at postgres://cara:***@127.0.0.1:1/cara: connection refused',
    );
    expect(result.stderr).toContain('CARA_DATABASE_URL');
    expect(result.stderr).not.toContain('hunter2');
    expect(result.code).toBe(2);
  });

  it('a missing signing key: appends nothing, exit 2, reads still work', async () => {
    const before = await eventCount();
    const key = join(dir, '.cara/signing-key.pem');
    renameSync(key, `${key}.bak`);
    try {
      await expectExit2(
        ['audit', 'record', '--type', 'test.run', '--outcome', 'success'],
        'signing key',
        'is missing',
      );
      const log = await runCara(['audit', 'log', '--json'], { cwd: dir });
      expect(log.code).toBe(0);
      expect(JSON.parse(log.stdout)).toHaveLength(before);
    } finally {
      renameSync(`${key}.bak`, key);
    }
    expect(await eventCount()).toBe(before);
  });

  it('a corrupted database file: STORE_CORRUPT message, exit 2, the file left as it was', async () => {
    const db = join(dir, '.cara/cara.db');
    copyFileSync(db, `${db}.good`);
    const garbage = Buffer.alloc(4096, 0x5a);
    writeFileSync(db, garbage);
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
    try {
      await expectExit2(['audit', 'log'], 'is not a valid SQLite database', 'restore it from a backup');
      await expectExit2(
        ['audit', 'record', '--type', 'test.run', '--outcome', 'success'],
        'is not a valid SQLite database',
      );
      expect(readFileSync(db).equals(garbage)).toBe(true);
    } finally {
      renameSync(`${db}.good`, db);
    }
    expect(await eventCount()).toBeGreaterThan(0);
  });

  it('an unusable .cara/ (a file, not a directory): exit 2 naming it', async () => {
    const state = join(dir, '.cara');
    renameSync(state, `${state}.bak`);
    writeFileSync(state, 'not a directory');
    try {
      await expectExit2(['audit', 'log'], '.cara');
    } finally {
      rmSync(state);
      renameSync(`${state}.bak`, state);
    }
  });

  it('bad flags: unknown type with a pointer to the catalogue, bad outcome, bad --since', async () => {
    await expectExit2(
      ['audit', 'record', '--type', 'deploy.strat', '--outcome', 'success'],
      'unknown audit event type',
      'cara audit types',
    );
    await expectExit2(['audit', 'record', '--type', 'test.run', '--outcome', 'maybe'], 'success or failure');
    await expectExit2(['audit', 'log', '--since', 'yesterday-ish'], '--since');
    await expectExit2(
      ['audit', 'verify', '--checkpoint', 'nope.txt'],
      'cannot read the checkpoint file nope.txt',
    );
    await expectExit2(['audit', 'nosuch'], "unknown command 'nosuch'");
  });
});
