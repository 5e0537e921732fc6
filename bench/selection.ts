/**
 * Test selection benchmark, mutation-based, on two git repositories with a real runner:
 *
 * 1. a generated barrel-style fixture (plain-JS modules re-exported by `src/index.js`, vitest files
 *    that all import the barrel), and
 * 2. this repository (its vitest unit tests, `src/**\/*.test.ts`), or `--repo PATH` instead.
 *
 * Seeded single-line mutants in source files are the changes; the test files that fail with the
 * mutant applied are the truth. Compares our selection (confidence 0.95; a budget of one third of
 * the suite time) with the runner's own static selection (`vitest related`, `jest --findRelatedTests`)
 * on the same change, and with running everything. Repositories are cloned into a temporary folder:
 * the checkout itself is never mutated.
 *
 *   npx tsx bench/selection.ts [--quick] [--mutants N] [--repo-mutants N] [--seed N] [--repo PATH] [--keep]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCleanup, InterruptedError } from './lib/cleanup.js';
import { formatDuration } from './lib/format.js';
import { machineInfo, writeResults } from './lib/results.js';
import { cloneRepository, commitFixture } from './lib/selection-copy.js';
import { generateSelectionFixture } from './lib/selection-fixture.js';
import { benchmarkRepository, type RepoBenchResult } from './lib/selection-repo.js';
import { formatRepoReport, repoJson, targetsOf } from './lib/selection-report.js';
import { detectBenchRunner } from './lib/selection-runner.js';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PARALLEL = Math.max(1, Math.min(2, availableParallelism()));
const CODE = /\.(?:[cm]?[jt]sx?)$/;
const TEST_FILE = /(?:^|\/)(?:__tests__\/|test\/|tests\/)|\.(?:test|spec)\.[cm]?[jt]sx?$/;
const THIS_SUITE =
  'the vitest unit tests, src/**/*.test.ts; the end-to-end tests in test/e2e/ are excluded: they run the ' +
  'built cara binary, which would need a rebuild for every mutant';

interface SelectionBenchOptions {
  mutants: number;
  repoMutants: number;
  seed: number;
  baselineRuns: number;
  quick: boolean;
  keep: boolean;
  /** The repository benchmarked besides the fixture: this project unless `--repo PATH`. */
  repo: string;
}

const note = (line: string) => process.stderr.write(`${line}\n`);

function parseOptions(argv: string[]): SelectionBenchOptions {
  // Not strict: `npm run bench -- ...` passes every benchmark the same arguments.
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      mutants: { type: 'string' },
      'repo-mutants': { type: 'string' },
      seed: { type: 'string' },
      repo: { type: 'string' },
      quick: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const quick = values.quick === true;
  const count = (name: string, value: string | boolean | undefined, fallback: number) => {
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isSafeInteger(n) || n < 1)
      throw new Error(`--${name} must be a whole number of at least 1, got "${value}"`);
    return n;
  };
  const seed = values.seed === undefined ? 4 : Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be a whole number, got "${values.seed}"`);
  if (values.repo !== undefined && typeof values.repo !== 'string') throw new Error('--repo needs a path');
  return {
    mutants: count('mutants', values.mutants, quick ? 10 : 30),
    repoMutants: count('repo-mutants', values['repo-mutants'], quick ? 10 : 30),
    seed,
    baselineRuns: quick ? 1 : 2,
    quick,
    keep: values.keep === true,
    repo: resolve(typeof values.repo === 'string' ? values.repo : PROJECT_ROOT),
  };
}

async function main(options: SelectionBenchOptions): Promise<void> {
  const started = Date.now();
  const cleanup = createCleanup(note);
  try {
    const tmp = mkdtempSync(join(tmpdir(), 'cara-bench-selection-'));
    if (options.keep) note(`--keep: the fixture and the copy stay in ${tmp}`);
    else {
      cleanup.defer(() => rm(tmp, { recursive: true, force: true }));
      process.once('exit', () => rmSync(tmp, { recursive: true, force: true }));
    }
    const { signal } = cleanup;
    const common = {
      seed: options.seed,
      baselineRuns: options.baselineRuns,
      parallel: PARALLEL,
      signal,
      note,
    };

    const fixtureRoot = join(tmp, 'fixture');
    const fixture = await generateSelectionFixture(fixtureRoot, options.seed);
    commitFixture(fixtureRoot, join(PROJECT_ROOT, 'node_modules'));
    const sources = new Set(fixture.sourceFiles);
    const fixtureResult = await benchmarkRepository({
      ...common,
      name: 'barrel fixture',
      root: fixtureRoot,
      runner: detectBenchRunner(fixtureRoot),
      inSuite: () => true,
      suiteNote:
        `${fixture.testFiles.length} generated vitest files (${fixture.assertions} assertions), all importing ` +
        `src/index.js, a barrel over ${fixture.sourceFiles.length} modules (${fixture.functions} functions)`,
      mutable: (file) => sources.has(file),
      mutants: options.mutants,
      peerChecks: 1,
    });

    const thisRepo = options.repo === PROJECT_ROOT;
    const copy = cloneRepository(options.repo, join(tmp, 'repo'));
    if (copy.sourceDirty)
      note(`${copy.source} has uncommitted changes: the copy benchmarks commit ${copy.commit}`);
    const runner = detectBenchRunner(copy.root);
    const repoResult = await benchmarkRepository({
      ...common,
      name: thisRepo ? 'this repository' : copy.source,
      root: copy.root,
      runner,
      inSuite: thisRepo ? (file) => file.startsWith('src/') && file.endsWith('.test.ts') : () => true,
      suiteNote: thisRepo ? THIS_SUITE : `every test file ${runner.name} lists`,
      mutable: (file) =>
        CODE.test(file) &&
        !file.endsWith('.d.ts') &&
        !TEST_FILE.test(file) &&
        (thisRepo ? file.startsWith('src/') : !/(?:^|\/)(?:node_modules|dist|build|coverage)\//.test(file)),
      mutants: options.repoMutants,
      peerChecks: 1,
    });

    const reports: [RepoBenchResult, string][] = [
      [fixtureResult, 'Test selection on a generated barrel-style fixture'],
      [repoResult, `Test selection on ${thisRepo ? 'this repository' : copy.source} (commit ${copy.commit})`],
    ];
    for (const [result, heading] of reports) process.stdout.write(`\n${formatRepoReport(result, heading)}\n`);
    process.stdout.write(
      "\nreference: Meta's predictive test selection reports > 99.9% of faulty changes and > 95% of failures " +
        'caught at one third of the tests (on their monorepo, not comparable one-to-one)\n',
    );

    const file = writeResults(options.quick ? 'selection-quick' : 'selection', {
      benchmark: 'selection',
      machine: machineInfo(),
      options,
      repositories: [
        repoJson(fixtureResult, {
          kind: 'fixture',
          fixture: {
            modules: fixture.sourceFiles.length,
            functions: fixture.functions,
            testFiles: fixture.testFiles.length,
            assertions: fixture.assertions,
            exercises: fixture.exercises,
          },
        }),
        repoJson(repoResult, {
          kind: thisRepo ? 'this-repository' : 'repository',
          path: copy.source,
          uncommittedChangesLeftOut: copy.sourceDirty,
        }),
      ],
      targets: { fixture: targetsOf(fixtureResult), repository: targetsOf(repoResult) },
      runMs: Date.now() - started,
    });
    note(`results written to ${file} in ${formatDuration(Date.now() - started)}`);
  } finally {
    await cleanup.run();
  }
}

let options: SelectionBenchOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  note(`bench/selection: ${error instanceof Error ? error.message : String(error)}`);
  note(
    'usage: tsx bench/selection.ts [--quick] [--mutants N] [--repo-mutants N] [--seed N] [--repo PATH] [--keep]',
  );
  process.exit(2);
}
main(options).catch((error: unknown) => {
  if (error instanceof InterruptedError) {
    process.exitCode = error.exitCode;
    return;
  }
  note(`bench/selection failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
