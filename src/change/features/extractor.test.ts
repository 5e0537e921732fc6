import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALICE,
  BOB,
  CAROL,
  createScriptedRepo,
  DAY,
  EPOCH,
  numbered,
  type ScriptedRepo,
} from '../../../test/fixtures/git-history.js';
import { projectRoot } from '../../../test/support/cli.js';
import { type CommitRecord, streamCommits, uncommittedChange } from '../../git/index.js';
import { FeatureExtractor, recentExperience } from './extractor.js';
import { type ChangeFeatures, KAMEI_FEATURES } from './features.js';

/** -sum(p log2 p) over the given line counts, written out for the expectations below. */
function h(...churn: number[]): number {
  const total = churn.reduce((a, b) => a + b, 0);
  return -churn.reduce((sum, c) => sum + (c / total) * Math.log2(c / total), 0);
}

function kamei(f: ChangeFeatures): Record<string, number> {
  return Object.fromEntries(KAMEI_FEATURES.map((name) => [name, f[name]]));
}

let repo: ScriptedRepo;
let commits: CommitRecord[];

/**
 * C1 Alice day 0    initial import: src/app/main.ts (10), src/app/util.ts (5), README.md (3)
 * C2 Bob   day 10   main.ts +4 -2, deploy/run.sh +6 (new)
 * C3 Alice day 400  "fix crash in util (#12)": util.ts renamed to src/lib/util.ts +2 -1,
 *                   main.ts +1 -1, deploy/run.sh -3
 * C4 Carol day 401  README.md +1
 * C5 Bob   day 800  deploy/run.sh +2 -1, src/lib/util.ts +1 -1
 */
beforeAll(async () => {
  repo = createScriptedRepo('cara-features-');
  repo.write('src/app/main.ts', numbered('main', 10));
  repo.write('src/app/util.ts', numbered('util', 5));
  repo.write('README.md', numbered('readme', 3));
  repo.commit('initial import', { author: ALICE, time: EPOCH });

  repo.write('src/app/main.ts', [...numbered('main', 8), 'main 9b', 'main 10b', 'main 11', 'main 12']);
  repo.write('deploy/run.sh', numbered('run', 6));
  repo.commit('add deploy script', { author: BOB, time: EPOCH + 10 * DAY });

  repo.move('src/app/util.ts', 'src/lib/util.ts');
  repo.write('src/lib/util.ts', ['util 1', 'util 2', 'util 3', 'util 4', 'util 5b', 'util 6']);
  repo.write('src/app/main.ts', [...numbered('main', 8), 'main 9b', 'main 10c', 'main 11', 'main 12']);
  repo.write('deploy/run.sh', numbered('run', 3));
  repo.commit('fix crash in util (#12)', { author: ALICE, time: EPOCH + 400 * DAY });

  repo.write('README.md', numbered('readme', 4));
  repo.commit('docs: readme', { author: CAROL, time: EPOCH + 401 * DAY });

  repo.write('deploy/run.sh', ['run 1', 'run 2', 'run 3b', 'run 4']);
  repo.write('src/lib/util.ts', ['util 1', 'util 2', 'util 3', 'util 4', 'util 5c', 'util 6']);
  repo.commit('refactor deploy', { author: BOB, time: EPOCH + 800 * DAY });

  commits = [];
  for await (const commit of streamCommits(repo.dir)) commits.push(commit);
});

afterAll(() => repo.remove());

function fold(
  upTo: number,
  extractor = new FeatureExtractor(),
): { extractor: FeatureExtractor; features: ChangeFeatures[] } {
  const features = commits.slice(0, upTo).map((commit) => extractor.add(commit));
  return { extractor, features };
}

describe('FeatureExtractor on a hand-computed history', () => {
  it('mined the scripted history as intended (rename detected, line counts)', () => {
    expect(commits).toHaveLength(5);
    const c3 = commits[2];
    expect(c3?.files).toContainEqual({
      path: 'src/lib/util.ts',
      oldPath: 'src/app/util.ts',
      added: 2,
      deleted: 1,
    });
  });

  it('C1: a first commit has only size and diffusion', () => {
    const { features } = fold(1);
    expect(kamei(features[0] as ChangeFeatures)).toEqual({
      ns: 2, // src, . (README.md at the root)
      nd: 2, // src/app, .
      nf: 3,
      entropy: h(10, 5, 3),
      la: 18,
      ld: 0,
      lt: 0,
      fix: 0,
      ndev: 0,
      age: 0,
      nuc: 0,
      exp: 0,
      rexp: 0,
      sexp: 0,
    });
  });

  it('C2: history of main.ts counts; the author is new', () => {
    const { features } = fold(2);
    expect(kamei(features[1] as ChangeFeatures)).toEqual({
      ns: 2, // src, deploy
      nd: 2, // src/app, deploy
      nf: 2,
      entropy: 1, // 6 and 6 lines
      la: 10,
      ld: 2,
      lt: 10, // main.ts had 10 lines; run.sh is new
      fix: 0,
      ndev: 1, // Alice changed main.ts
      age: 10, // main.ts last changed 10 days before; new files are left out
      nuc: 1, // C1
      exp: 0,
      rexp: 0,
      sexp: 0,
    });
  });

  it('C3: a fix with a rename, three files with history, an author with one old change', () => {
    const { features } = fold(3);
    const c3 = features[2] as ChangeFeatures;
    expect(kamei(c3)).toEqual({
      ns: 2, // src, deploy
      nd: 3, // src/lib, src/app, deploy
      nf: 3,
      entropy: h(3, 2, 3),
      la: 3,
      ld: 5,
      lt: 23, // util.ts 5 (followed through the rename) + main.ts 12 + run.sh 6
      fix: 1, // "fix", "crash" and "#12"
      ndev: 2, // {Alice} + {Alice, Bob} + {Bob}
      age: (400 + 390 + 390) / 3,
      nuc: 2, // C1 and C2
      exp: 1, // C1
      rexp: 0.5, // C1 is 400 days = 1 whole year old: 1/(1+1)
      sexp: 1, // C1 touched src
    });
    expect(c3.extra).toMatchObject({
      renamedFiles: 1,
      newFiles: 0,
      codeFiles: 3,
      testFiles: 0,
      binaryFiles: 0,
    });
    expect(c3.context).toEqual({ subsystems: ['deploy', 'src'], newAreasForAuthor: ['deploy', 'src/lib'] });
    expect(c3.fileTypes).toEqual({ ts: 2, sh: 1 });
  });

  it('C5: history moved with the rename; old experience is weighted down', () => {
    const { features } = fold(5);
    const c5 = features[4] as ChangeFeatures;
    expect(kamei(c5)).toEqual({
      ns: 2,
      nd: 2, // deploy, src/lib
      nf: 2,
      entropy: h(3, 2),
      la: 3,
      ld: 2,
      lt: 9, // run.sh 3 + util.ts 6
      fix: 0,
      ndev: 2, // run.sh {Bob, Alice}, util.ts {Alice}
      age: 400, // both last changed by C3, 400 days before
      nuc: 3, // C1, C2, C3
      exp: 1, // C2
      rexp: 1 / 3, // C2 is 790 days = 2 whole years old
      sexp: 1, // C2 touched src and deploy: counted once
    });
    expect(c5.context.newAreasForAuthor).toEqual(['src/lib']);
    expect(features[3]?.sexp).toBe(0); // Carol's first change
  });

  it('peek does not change the history; snapshot and restore continue the same fold', () => {
    const { extractor } = fold(3);
    const c4 = commits[3] as CommitRecord;
    expect(extractor.peek(c4)).toEqual(extractor.peek(c4));
    const saved = JSON.parse(JSON.stringify(extractor.snapshot())) as unknown;
    const restored = FeatureExtractor.restore(saved);
    expect(restored.lastSha).toBe(commits[2]?.sha);
    expect(restored.changeCount).toBe(3);
    const direct = fold(5).features;
    expect(restored.add(c4)).toEqual(direct[3]);
    expect(restored.add(commits[4] as CommitRecord)).toEqual(direct[4]);
  });

  it('refuses a state from another subsystem depth or another format', () => {
    const { extractor } = fold(2);
    expect(() => FeatureExtractor.restore(extractor.snapshot(), { subsystemDepth: 2 })).toThrow(
      /subsystemDepth 1/,
    );
    expect(() => FeatureExtractor.restore({ version: 99 })).toThrow(/feature state/);
  });

  it('scores an uncommitted working-tree change against the mined history', async () => {
    const { extractor } = fold(5);
    repo.write('deploy/run.sh', ['run 1', 'run 2', 'run 3b', 'run 4', 'run 5']);
    try {
      const change = await uncommittedChange(repo.dir, { staged: false });
      const f = extractor.peek(change);
      expect(kamei(f)).toMatchObject({ nf: 1, la: 1, ld: 0, lt: 4, ndev: 2, nuc: 3, exp: 2, sexp: 1 });
    } finally {
      repo.git('checkout', '--', 'deploy/run.sh');
    }
  });

  it('gives merges empty features and leaves the history alone', () => {
    const extractor = new FeatureExtractor();
    extractor.add(commits[0] as CommitRecord);
    const merge: CommitRecord = { ...(commits[1] as CommitRecord), parents: ['a', 'b'], isMerge: true };
    expect(kamei(extractor.add(merge))).toMatchObject({ nf: 0, la: 0, exp: 0 });
    expect(extractor.changeCount).toBe(1);
    expect(extractor.add(commits[1] as CommitRecord)).toEqual(fold(2).features[1]);
  });
});

describe('recentExperience', () => {
  const YEAR = 365.25 * DAY;
  it('weights each earlier change by 1/(whole years + 1)', () => {
    const now = 100 * YEAR;
    const times = [now - 5.5 * YEAR, now - 2.2 * YEAR, now - 2 * YEAR - 1, now - 0.5 * YEAR, now - 10];
    expect(recentExperience(times, now)).toBeCloseTo(1 / 6 + 1 / 3 + 1 / 3 + 1 + 1, 12);
    expect(recentExperience([], now)).toBe(0);
    expect(recentExperience([now + DAY], now)).toBe(1); // clock skew: a "future" change counts as recent
  });
});

describe('on this project', () => {
  it('folds the whole history of this repository into finite features', async () => {
    const extractor = new FeatureExtractor();
    let count = 0;
    for await (const commit of streamCommits(projectRoot)) {
      const f = extractor.add(commit);
      for (const name of KAMEI_FEATURES)
        expect(Number.isFinite(f[name]), `${name} of ${commit.sha}`).toBe(true);
      count++;
    }
    expect(count).toBeGreaterThan(0);
    expect(extractor.changeCount).toBeGreaterThan(0);
  });
});
