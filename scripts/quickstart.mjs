// The Quick Start's main job on embedded defaults: a scratch git repository, `cara init`, a few
// audit events, the trail verified and proved, then one byte of the store changed to show that
// verification catches it. Needs a prior `npm run build` (the npm script does it).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const bin = resolve(import.meta.dirname, '../dist/cli/bin.js');
const repo = mkdtempSync(join(tmpdir(), 'cara-quickstart-'));
const env = { ...process.env, CARA_ACTOR: process.env.CARA_ACTOR ?? 'quickstart@example.gov' };

function cara(args, { cwd = repo, expect = 0 } = {}) {
  process.stdout.write(`\n$ cara ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, env, encoding: 'utf8' });
  process.stdout.write(result.stdout);
  process.stdout.write(result.stderr);
  if (result.status !== expect) {
    process.stderr.write(
      `quickstart: expected exit ${expect} from \`cara ${args.join(' ')}\`, got ${result.status}\n`,
    );
    process.exit(1);
  }
  return result.stdout;
}

try {
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  process.stdout.write(`scratch repository: ${repo}\n`);
  cara(['init']);
  cara([
    'audit',
    'record',
    '--type',
    'test.run',
    '--outcome',
    'success',
    '--subject',
    'HEAD',
    '--detail',
    'suite=unit',
    '--detail',
    'passed=391',
  ]);
  cara([
    'audit',
    'record',
    '--type',
    'approval.grant',
    '--outcome',
    'success',
    '--subject',
    'deploy/1',
    '--detail',
    'gate=human-staging-approval',
  ]);
  cara([
    'audit',
    'record',
    '--type',
    'deploy.rollback',
    '--outcome',
    'failure',
    '--reason',
    'canary p99 latency 2.4x baseline',
    '--subject',
    'deploy/1',
  ]);
  cara(['audit', 'log']);
  cara(['audit', 'checkpoint', '--out', join(repo, 'escrow-checkpoint.txt')]);
  cara(['audit', 'verify', '--checkpoint', 'escrow-checkpoint.txt']);
  cara(['audit', 'prove', '3']);

  // Tamper with a copy of the store: change one byte of the rollback's reason in the file itself.
  const copy = mkdtempSync(join(tmpdir(), 'cara-quickstart-tampered-'));
  cpSync(repo, copy, { recursive: true });
  const db = join(copy, '.cara/cara.db');
  const bytes = readFileSync(db);
  const at = bytes.indexOf(Buffer.from('2.4x baseline'));
  bytes[at] = '1'.charCodeAt(0);
  writeFileSync(db, bytes);
  process.stdout.write(
    `\n# a copy of the store with "2.4x" changed to "1.4x" in the database file (${copy})`,
  );
  cara(['audit', 'verify'], { cwd: copy, expect: 1 });
  rmSync(copy, { recursive: true, force: true });
  process.stdout.write(
    '\nquickstart: the audit trail verifies, and a one-byte edit is caught (exit 1, index named).\n',
  );
} finally {
  if (!process.env.CARA_KEEP) rmSync(repo, { recursive: true, force: true });
}
