/**
 * Every check family against a real initialised repository: `cara init`, events planted with
 * `cara audit record`, the real audit log, config, signing key and git work tree.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGitRepo, type TempRepo } from '../../../test/support/cli.js';
import { main } from '../../cli/main.js';
import { openRuntime, type Runtime } from '../../cli/runtime.js';
import { readEnv } from '../../core/index.js';
import type { CheckContext, CheckResult } from './check.js';
import { complianceCheck } from './registry.js';

const env = readEnv({ CARA_ACTOR: 'alice@example.gov', NO_COLOR: '1' });
const sink = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

async function cara(dir: string, ...args: string[]): Promise<number> {
  const code = await main(['node', 'cara', ...args], {
    cwd: dir,
    env,
    output: { out: sink(), err: sink(), color: false },
  });
  process.exitCode = 0;
  return code;
}

const record = (dir: string, type: string, subject: string, actor: string, ...details: string[]) =>
  cara(
    dir,
    'audit',
    'record',
    '--type',
    type,
    '--outcome',
    'success',
    '--subject',
    subject,
    '--actor',
    actor,
    ...details.flatMap((d) => ['--detail', d]),
  );

async function run(
  dir: string,
  id: string,
  parameters: unknown = undefined,
  template: CheckContext['template'] = { file: join(dir, 't.yml'), name: 't' },
  config?: (loaded: Record<string, unknown>) => Record<string, unknown>,
): Promise<CheckResult> {
  const check = complianceCheck(id);
  if (check === undefined) throw new Error(`no check ${id}`);
  const rt: Runtime = await openRuntime({
    cwd: dir,
    env,
    output: { out: sink(), err: sink(), color: false },
    command: 'test',
  });
  try {
    const ctx: CheckContext = {
      root: rt.root,
      config: (config ?? ((loaded) => loaded))(rt.config as unknown as Record<string, unknown>),
      signingKeyPath: join(rt.root, rt.config.audit.signingKey),
      audit: rt.audit,
      events: () => rt.audit.list(),
      template,
      nepaSource: undefined,
      controls: { template: () => undefined },
      now: () => new Date(),
      memo: (_key, compute) => compute(),
    };
    return await check.run(ctx, check.parameters.parse(parameters));
  } finally {
    await rt.finish();
  }
}

let repo: TempRepo;
let empty: TempRepo;

beforeAll(async () => {
  repo = makeGitRepo('cara-checks-');
  empty = makeGitRepo('cara-checks-empty-');
  expect(await cara(repo.dir, 'init')).toBe(0);
  expect(await cara(empty.dir, 'init')).toBe(0);
  // d1: started by alice, approved by bob, promoted, finished.
  await record(repo.dir, 'deploy.start', 'd1', 'alice@example.gov', 'policy=approval');
  await record(repo.dir, 'approval.grant', 'd1', 'bob@example.gov');
  await record(repo.dir, 'deploy.promote', 'd1', 'alice@example.gov');
  await record(repo.dir, 'deploy.finish', 'd1', 'alice@example.gov', 'outcome=promoted');
  // d2: automatic policy, promoted, finished. d3: rolled back with traffic back on stable.
  await record(repo.dir, 'deploy.start', 'd2', 'carol@example.gov', 'policy=automatic');
  await record(repo.dir, 'deploy.promote', 'd2', 'carol@example.gov');
  await record(repo.dir, 'deploy.finish', 'd2', 'carol@example.gov', 'outcome=promoted');
  await record(repo.dir, 'deploy.start', 'd3', 'carol@example.gov', 'policy=automatic');
  await record(repo.dir, 'deploy.rollback', 'd3', 'carol@example.gov');
  await record(repo.dir, 'deploy.finish', 'd3', 'carol@example.gov', 'outcome=rolled-back');
}, 60_000);
afterAll(() => {
  repo?.remove();
  empty?.remove();
});

describe('audit checks', () => {
  it('AU-2/AU-3/AU-8: catalogue, record content and UTC timestamps pass on a fresh log', async () => {
    expect((await run(repo.dir, 'audit.event-catalogue')).status).toBe('pass');
    const content = await run(repo.dir, 'audit.record-content');
    expect(content.status).toBe('pass');
    expect(content.evidence.events).toBe(content.evidence.complete);
    expect((await run(repo.dir, 'audit.timestamps')).status).toBe('pass');
  });

  it('fails the catalogue when a required type is not in it, and record content on a field no event has', async () => {
    const catalogue = await run(repo.dir, 'audit.event-catalogue', {
      requiredTypes: ['auth.logon', 'printer.jam'],
    });
    expect(catalogue).toMatchObject({ status: 'fail', evidence: { missing: ['printer.jam'] } });
    const content = await run(repo.dir, 'audit.record-content', { requiredFields: ['details.ticket'] });
    expect(content.status).toBe('fail');
  });

  it('AU-9: the log verifies; a group-readable signing key fails', async () => {
    expect((await run(repo.dir, 'audit.log-verifies')).status).toBe('pass');
    expect((await run(repo.dir, 'audit.checkpoint-fresh')).status).toBe('pass');
    const key = join(empty.dir, '.cara/signing-key.pem');
    expect((await run(empty.dir, 'audit.key-permissions')).status).toBe('pass');
    chmodSync(key, 0o640);
    try {
      const loose = await run(empty.dir, 'audit.key-permissions');
      expect(loose).toMatchObject({ status: 'fail', evidence: { mode: '640' } });
    } finally {
      chmodSync(key, 0o600);
    }
  });
});

describe('retention checks', () => {
  it('AU-11: retention.auditMinimumDays of the config decides against the minimum', async () => {
    const defaults = await run(repo.dir, 'retention.audit-online', { minimumDays: 90 });
    expect(defaults).toMatchObject({ status: 'pass', evidence: { configuredDays: 90 } });
    expect((await run(repo.dir, 'retention.audit-online', { minimumDays: 365 })).status).toBe('fail');
    const longer = (loaded: Record<string, unknown>) => ({
      ...loaded,
      retention: { ...(loaded.retention as object), auditMinimumDays: 400 },
    });
    const template = { file: 't.yml', name: 't', retention: { auditOnlineDays: 120 } };
    expect(
      (await run(repo.dir, 'retention.audit-online', { minimumDays: 365 }, template, longer)).status,
    ).toBe('pass');
  });

  it('AU-11: without a retention section the template decides; absent everywhere fails', async () => {
    const noSection = ({ retention: _dropped, ...rest }: Record<string, unknown>) => rest;
    const plain = { file: 't.yml', name: 't' };
    const absent = await run(repo.dir, 'retention.audit-online', undefined, plain, noSection);
    expect(absent.status).toBe('fail');
    expect(absent.reason).toMatch(/no retention configured/);
    const template = { file: 't.yml', name: 't', retention: { auditOnlineDays: 120 } };
    const check = (minimumDays: number) =>
      run(repo.dir, 'retention.audit-online', { minimumDays }, template, noSection);
    expect((await check(90)).status).toBe('pass');
    expect((await check(365)).status).toBe('fail');
  });
});

describe('approval checks', () => {
  it('AC-5: no self-approval passes; a planted one fails unless allowed', async () => {
    expect((await run(repo.dir, 'approvals.separation-of-duties')).status).toBe('pass');
    expect((await run(empty.dir, 'approvals.separation-of-duties')).status).toBe('not-assessed');
    const self = makeGitRepo('cara-checks-self-');
    try {
      await cara(self.dir, 'init');
      await record(self.dir, 'deploy.start', 'd9', 'alice@example.gov');
      await record(self.dir, 'approval.grant', 'd9', 'alice@example.gov');
      const refused = await run(self.dir, 'approvals.separation-of-duties');
      expect(refused).toMatchObject({ status: 'fail', evidence: { selfApprovals: [{ deployment: 'd9' }] } });
      expect(
        (await run(self.dir, 'approvals.separation-of-duties', { allowSelfApproval: true })).status,
      ).toBe('pass');
    } finally {
      self.remove();
    }
  });

  it('CM-3: promoted deployments are approved or automatic; an unapproved promotion fails', async () => {
    const ok = await run(repo.dir, 'approvals.change-approved');
    expect(ok).toMatchObject({ status: 'pass', evidence: { promoted: 2, automatic: 1 } });
    const strict = await run(repo.dir, 'approvals.change-approved', { automaticPolicies: ['never'] });
    expect(strict).toMatchObject({ status: 'fail', evidence: { unapproved: ['d2'] } });
    expect((await run(empty.dir, 'approvals.change-approved')).status).toBe('not-assessed');
  });

  it('approvers: not assessed without a deploy section', async () => {
    const result = await run(repo.dir, 'approvals.approvers-configured');
    expect(result.status).toBe('not-assessed');
    expect(result.reason).toMatch(/deploy/);
  });
});

describe('deploy checks', () => {
  it('every deployment finished; a rollback finished with traffic on stable', async () => {
    expect(await run(repo.dir, 'deploy.start-finish')).toMatchObject({
      status: 'pass',
      evidence: { finished: 3 },
    });
    expect((await run(repo.dir, 'deploy.rollbacks-complete')).status).toBe('pass');
    expect((await run(empty.dir, 'deploy.rollbacks-complete')).status).toBe('not-assessed');
  });

  it('fails an unfinished deployment past the grace period and a rollback that never finished', async () => {
    const broken = makeGitRepo('cara-checks-deploy-');
    try {
      await cara(broken.dir, 'init');
      await record(broken.dir, 'deploy.start', 'd4', 'alice@example.gov');
      await record(broken.dir, 'deploy.rollback', 'd4', 'alice@example.gov');
      expect((await run(broken.dir, 'deploy.start-finish')).status).toBe('pass');
      expect((await run(broken.dir, 'deploy.start-finish', { inProgressGraceMinutes: 0 })).status).toBe(
        'fail',
      );
      const rollback = await run(broken.dir, 'deploy.rollbacks-complete');
      expect(rollback).toMatchObject({
        status: 'fail',
        evidence: { incomplete: [{ deployment: 'd4', problem: 'no deploy.finish after the rollback' }] },
      });
    } finally {
      broken.remove();
    }
  });
});

describe('secrets checks', () => {
  it('IA-5: a clean repository passes; a committed key fails with its location', async () => {
    expect((await run(empty.dir, 'secrets.none-in-repository')).status).toBe('pass');
    const leaky = makeGitRepo('cara-checks-secret-');
    try {
      await cara(leaky.dir, 'init');
      writeFileSync(join(leaky.dir, 'deploy.env'), `AWS_ACCESS_KEY_ID=AKIA${'Q7RT4XW2ZP5NB3KD'}\n`);
      const result = await run(leaky.dir, 'secrets.none-in-repository');
      expect(result.status).toBe('fail');
      expect(String((result.evidence.locations as string[])[0])).toMatch(/^deploy\.env:1 /);
    } finally {
      leaky.remove();
    }
  });
});

describe('monitoring checks', () => {
  it('SI-4: fails without a deploy section or endpoint, passes with a metrics endpoint', async () => {
    const none = await run(repo.dir, 'monitoring.configured');
    expect(none.status).toBe('fail');
    expect(none.reason).toMatch(/not configured/);
    const listed = await run(repo.dir, 'monitoring.configured', {
      metricsEndpoints: ['http://127.0.0.1:9090/metrics'],
    });
    expect(listed.status).toBe('pass');
  });
});

describe('nepa checks', () => {
  it('the last NEPA run: not assessed without one, fails when it found violations, passes when clean', async () => {
    expect((await run(empty.dir, 'nepa.last-run')).status).toBe('not-assessed');
    const nepa = makeGitRepo('cara-checks-nepa-');
    try {
      await cara(nepa.dir, 'init');
      await cara(
        nepa.dir,
        'audit',
        'record',
        '--type',
        'compliance.check',
        '--outcome',
        'failure',
        '--subject',
        'compliance:nepa',
      );
      expect((await run(nepa.dir, 'nepa.last-run')).status).toBe('fail');
      await cara(
        nepa.dir,
        'audit',
        'record',
        '--type',
        'compliance.check',
        '--outcome',
        'success',
        '--subject',
        'compliance:nepa',
      );
      expect((await run(nepa.dir, 'nepa.last-run')).status).toBe('pass');
    } finally {
      nepa.remove();
    }
  });

  it('the NEPA template must exist beside the template', async () => {
    const missing = await run(repo.dir, 'nepa.template-present', { file: 'nope.yml' });
    expect(missing.status).toBe('fail');
  });
});
