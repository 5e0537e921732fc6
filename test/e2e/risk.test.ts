/**
 * `cara risk` on a repository with a known defect history, and on this project's own repository.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, projectRoot, runCara, type TempRepo } from '../support/cli.js';
import { type HistoryRepo, makeHistoryRepo } from '../support/history-repo.js';

let history: HistoryRepo;

beforeAll(async () => {
  history = makeHistoryRepo({ commits: 320 });
  expect((await runCara(['init'], { cwd: history.dir })).code).toBe(0);
});
afterAll(() => history?.remove());

describe('cara risk on a repository with a known bug-fix history', () => {
  it('train labels exactly the known bug-introducing commits and trains a model that ranks them', async () => {
    const train = await runCara(['risk', 'train', '--json'], { cwd: history.dir });
    expect(train.code, train.stderr).toBe(0);
    const report = JSON.parse(train.stdout) as {
      trained: boolean;
      commits: number;
      fixes: number;
      positives: number;
      evaluation: { auc: number; trainSize: number; testSize: number };
    };
    expect(report).toMatchObject({
      trained: true,
      commits: 320,
      fixes: history.inducing.size,
      positives: history.inducing.size,
    });
    expect(report.evaluation.trainSize + report.evaluation.testSize).toBe(320);
    // The history is synthetic and its bug commits are unusually large, so the ranking is easy.
    expect(report.evaluation.auc).toBeGreaterThan(0.8);

    const labels = await runCara(['risk', 'labels', '--json'], { cwd: history.dir });
    const found = JSON.parse(labels.stdout) as { labels: { inducing: string; fixes: string[] }[] };
    const byInducing = new Map(found.labels.map((l) => [l.inducing, l.fixes]));
    expect(new Set(byInducing.keys())).toEqual(new Set(history.inducing.keys()));
    for (const [inducing, fix] of history.inducing) expect(byInducing.get(inducing)).toEqual([fix]);
  });

  it('score HEAD --json gives a probability, a band, factors and the model; it is stored and audited', async () => {
    const score = await runCara(['risk', 'score', 'HEAD', '--json'], { cwd: history.dir });
    expect(score.code, score.stderr).toBe(0);
    const s = JSON.parse(score.stdout) as {
      rev: string;
      probability: number;
      band: string;
      factors: { text: string; direction: string }[];
      model: { source: string; id: string };
    };
    expect(s.rev).toBe(execFileSync('git', ['rev-parse', 'HEAD'], { cwd: history.dir }).toString().trim());
    expect(s.probability).toBeGreaterThanOrEqual(0);
    expect(s.probability).toBeLessThanOrEqual(1);
    expect(['low', 'medium', 'high']).toContain(s.band);
    expect(s.factors.length).toBeGreaterThan(0);
    expect(s.factors[0]?.text).toMatch(/\w+ \w+/);
    expect(s.model.source).toBe('repository');
    const log = await runCara(['audit', 'log', '--type', 'risk.*', '--json'], { cwd: history.dir });
    const events = JSON.parse(log.stdout) as { type: string; subject: string; details: { model: string } }[];
    expect(events.map((e) => e.type)).toEqual(['risk.train', 'risk.score']);
    expect(events[1]).toMatchObject({ subject: s.rev, details: { model: s.model.id } });
    expect((await runCara(['audit', 'verify'], { cwd: history.dir })).code).toBe(0);
  });

  it('ranks the bug-introducing commits above the rest', async () => {
    const scores = await runCara(['risk', 'score', '--range', 'HEAD~80..HEAD', '--json'], {
      cwd: history.dir,
    });
    const list = JSON.parse(scores.stdout) as { rev: string; probability: number }[];
    expect(list.length).toBeGreaterThan(70);
    const bad = list.filter((s) => history.inducing.has(s.rev)).map((s) => s.probability);
    const good = list.filter((s) => !history.inducing.has(s.rev)).map((s) => s.probability);
    expect(bad.length).toBeGreaterThan(3);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(bad)).toBeGreaterThan(mean(good));
  });

  it('scores staged and working-tree changes, and explains a commit against the history', async () => {
    execFileSync(
      'sh',
      [
        '-c',
        'echo "export const extra = 1;" >> src/api/handler.ts && git add src/api/handler.ts && echo x > NEW.md',
      ],
      {
        cwd: history.dir,
      },
    );
    const staged = await runCara(['risk', 'score', '--staged', '--json'], { cwd: history.dir });
    expect(staged.code, staged.stderr).toBe(0);
    expect(JSON.parse(staged.stdout)).toMatchObject({ rev: 'STAGED', features: { nf: 1, la: 1 } });
    const explain = await runCara(['risk', 'explain', 'HEAD', '--json'], { cwd: history.dir });
    const e = JSON.parse(explain.stdout) as { features: { feature: string; percentile: number }[] };
    expect(e.features.map((f) => f.feature)).toEqual([
      'ns',
      'nd',
      'nf',
      'entropy',
      'la',
      'ld',
      'lt',
      'fix',
      'ndev',
      'age',
      'nuc',
      'exp',
      'rexp',
      'sexp',
    ]);
    for (const f of e.features) expect(f.percentile).toBeGreaterThanOrEqual(0);
  });

  it('mines incrementally: a second train reads only the new commit', async () => {
    execFileSync('sh', ['-c', 'git commit -qm "chore: one more"'], { cwd: history.dir });
    const train = await runCara(['risk', 'train', '--json'], { cwd: history.dir });
    expect(JSON.parse(train.stdout).mining).toMatchObject({ added: 1, total: 321, remined: false });
  });
});

describe('cara risk on a shallow clone', () => {
  it('says which history is missing and goes on with what exists', async () => {
    const shallow = makeTempDir('cara-shallow-');
    try {
      execFileSync('git', ['clone', '-q', '--depth', '25', `file://${history.dir}`, shallow.dir]);
      expect((await runCara(['init'], { cwd: shallow.dir })).code).toBe(0);
      const train = await runCara(['risk', 'train'], { cwd: shallow.dir });
      expect(train.code, train.stderr).toBe(0);
      expect(train.stdout).toMatch(
        /mined 25 commits \(25 new; shallow clone: history before [0-9a-f]{12} is missing/,
      );
      const score = await runCara(['risk', 'score', 'HEAD', '--json'], { cwd: shallow.dir });
      expect(score.code, score.stderr).toBe(0);
    } finally {
      shallow.remove();
    }
  });
});

describe("cara risk on this project's own repository", () => {
  let clone: TempRepo;
  beforeAll(() => {
    clone = makeTempDir('cara-self-');
    execFileSync('git', ['clone', '-q', projectRoot, clone.dir]);
  });
  afterAll(() => clone?.remove());

  it('trains (falling back to the default model on a young history) and scores HEAD', async () => {
    expect((await runCara(['init'], { cwd: clone.dir })).code).toBe(0);
    const train = await runCara(['risk', 'train', '--json'], { cwd: clone.dir });
    expect(train.code, train.stderr).toBe(0);
    const report = JSON.parse(train.stdout) as { commits: number; trained: boolean; reason?: string };
    expect(report.commits).toBeGreaterThan(10);
    if (!report.trained) expect(report.reason).toContain('default model');
    const score = await runCara(['risk', 'score', 'HEAD', '--json'], { cwd: clone.dir });
    expect(score.code, score.stderr).toBe(0);
    const s = JSON.parse(score.stdout) as { model: { source: string }; factors: unknown[] };
    expect(s.model.source).toBe(report.trained ? 'repository' : 'default');
    expect(s.factors.length).toBeGreaterThan(0);
  });

  it('explains which model scored when none is trained, in human output', async () => {
    const score = await runCara(['risk', 'score'], { cwd: clone.dir });
    expect(score.stdout).toMatch(/scored by (the default model \(public data\)|model )/);
  });
});
