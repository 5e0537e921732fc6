/**
 * History mining benchmark: commits per second for one streamed `git log` parsed into commits
 * (mining), and for mining plus Kamei feature extraction, on a large repository; peak RSS while
 * doing it. By default the repository is synthesised with `git fast-import` (25,000 commits: many
 * authors, a growing tree of folders, renames, deletions, binary files, topic branches and merges);
 * `--repo PATH` measures any local clone instead.
 *
 *   npx tsx bench/mining.ts [--repo PATH] [--commits N] [--runs N] [--quick] [--keep]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FeatureExtractor } from '../src/change/features/index.js';
import { type CommitRecord, historyInfo, streamCommits } from '../src/git/index.js';
import { checkInterrupt, createCleanup, InterruptedError } from './lib/cleanup.js';
import { formatCount, formatDuration, formatMs, formatRate } from './lib/format.js';
import { randomInt, seededRandom } from './lib/random.js';
import { machineInfo, writeResults } from './lib/results.js';
import { formatTable } from './lib/table.js';
import { bestOf, perSecond, timed } from './lib/timing.js';

const TARGET_COMMITS_PER_SECOND = 2_000;

interface MiningBenchOptions {
  repo: string | undefined;
  /** Internal: only build the synthetic repository in this folder (run in a child process). */
  synthesiseInto: string | undefined;
  commits: number;
  runs: number;
  quick: boolean;
  keep: boolean;
}

const note = (line: string) => process.stderr.write(`${line}\n`);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

function parseOptions(argv: string[]): MiningBenchOptions {
  // Not strict: `npm run bench -- ...` passes every benchmark the same arguments.
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      repo: { type: 'string' },
      commits: { type: 'string' },
      runs: { type: 'string' },
      quick: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'synthesise-into': { type: 'string' },
    },
  });
  const quick = values.quick === true;
  const commits = values.commits === undefined ? (quick ? 5_000 : 25_000) : Number(values.commits);
  const runs = values.runs === undefined ? (quick ? 1 : 3) : Number(values.runs);
  if (!Number.isSafeInteger(commits) || commits < 100) {
    throw new Error(`--commits must be a whole number of at least 100, got "${values.commits}"`);
  }
  if (!Number.isSafeInteger(runs) || runs < 1)
    throw new Error(`--runs must be at least 1, got "${values.runs}"`);
  const repo = typeof values.repo === 'string' ? resolve(values.repo) : undefined;
  const into = values['synthesise-into'];
  const synthesiseInto = typeof into === 'string' ? into : undefined;
  return { repo, synthesiseInto, commits, runs, quick, keep: values.keep === true };
}

// ---------------------------------------------------------------------------------------------
// The synthetic history

const SUBSYSTEMS = ['src', 'lib', 'api', 'web', 'cli', 'test', 'docs', 'tools', 'config', 'deploy'];
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'sigma', 'kappa', 'theta', 'lambda', 'zeta'];
const EXTENSIONS = ['ts', 'ts', 'ts', 'js', 'py', 'go', 'md', 'json', 'yaml', 'sh'];
const TZ = '+0000';

interface SynthFile {
  lines: string[];
  binary: boolean;
}

interface Mutation {
  /** Paths written (full content), removed, and renamed (before the writes). */
  writes: string[];
  deletes: string[];
  renames: [from: string, to: string][];
}

/**
 * Generates a history commit by commit into a `git fast-import` stream, keeping only the current
 * tree in memory. Authors follow a skewed distribution, commits cluster in one subsystem and are
 * mostly small with a long tail, and every 40th change is a topic branch merged back.
 */
class HistorySynth {
  private readonly random = seededRandom(0xc0ffee);
  private readonly files = new Map<string, SynthFile>();
  private paths: string[] = [];
  /** `paths` per subsystem; both are rebuilt after deletions and renames. */
  private local = new Map<string, string[]>();
  private readonly authors: { name: string; email: string }[];
  private time = 1_500_000_000;
  private mark = 0;
  private tip = 0;
  private fileSeq = 0;
  commits = 0;
  merges = 0;

  constructor(private readonly write: (text: string) => Promise<void>) {
    this.authors = Array.from({ length: 120 }, (_, i) => ({
      name: `Dev ${WORDS[i % WORDS.length]} ${i}`,
      email: `dev${i}@example.gov`,
    }));
  }

  async run(total: number, signal: AbortSignal): Promise<void> {
    await this.commit(this.seed(), 'initial import', []);
    while (this.commits < total) {
      if (this.commits % 40 === 39 && total - this.commits >= 3) await this.topic();
      else await this.commit(this.change(), this.message(), []);
      if (this.commits % 1_000 === 0) await checkInterrupt(signal);
    }
    await this.write('done\n');
  }

  /**
   * A topic branch: one commit off the tip, one on main, then the merge. The merge writes the
   * current content of everything either side touched, so its tree is the generator's tree.
   */
  private async topic(): Promise<void> {
    const base = this.tip;
    const side = this.change();
    const sideMark = await this.commit(side, `topic: ${this.message()}`, [], base, 'refs/heads/topic');
    // No renames or deletions on main: the path might be one the topic created, absent on main.
    const main = this.change(false);
    await this.commit(main, this.message(), [], base);
    const touched = new Set([...side.writes, ...main.writes]);
    const gone = [...side.deletes, ...main.deletes, ...side.renames.map(([from]) => from)];
    const merge: Mutation = {
      writes: [...touched].filter((path) => this.files.has(path)),
      deletes: [...new Set(gone)].filter((path) => !this.files.has(path)),
      renames: [],
    };
    await this.commit(merge, "Merge branch 'topic'", [sideMark]);
    this.merges++;
  }

  private seed(): Mutation {
    const writes: string[] = [];
    for (let i = 0; i < 300; i++) writes.push(this.createFile());
    return { writes, deletes: [], renames: [] };
  }

  private pick<T>(items: readonly T[]): T {
    return items[randomInt(this.random, 0, items.length)] as T;
  }

  private author(): { name: string; email: string } {
    // Skewed: a few people make most changes.
    const r = this.random();
    return this.authors[Math.floor(r * r * r * this.authors.length)] as { name: string; email: string };
  }

  private message(): string {
    const r = this.random();
    const word = this.pick(WORDS);
    if (r < 0.2) return `fix ${word} handling when input is empty (#${randomInt(this.random, 1, 5000)})`;
    if (r < 0.25) return `Fix crash in ${word}\n\nThe ${word} path dereferenced a missing value.`;
    return `Update ${word} ${this.pick(WORDS)}\n\nLonger description of the ${word} change.`;
  }

  private createFile(near?: string): string {
    const subsystem = near ?? this.pick(SUBSYSTEMS);
    const depth = randomInt(this.random, 0, 3);
    let dir = subsystem;
    for (let d = 0; d < depth; d++) dir += `/${this.pick(WORDS)}`;
    const binary = this.random() < 0.01;
    const path = `${dir}/file${this.fileSeq++}.${binary ? 'png' : this.pick(EXTENSIONS)}`;
    const count = randomInt(this.random, 10, 200);
    const lines = Array.from({ length: count }, (_, i) => this.line(i));
    this.files.set(path, { lines, binary });
    this.paths.push(path);
    const list = this.local.get(subsystem);
    if (list) list.push(path);
    else this.local.set(subsystem, [path]);
    return path;
  }

  private line(i: number): string {
    return `${this.pick(WORDS)}_${i} = compute(${randomInt(this.random, 0, 1_000_000)});`;
  }

  /** One ordinary change: files from one subsystem (sometimes two), edited, added, renamed or deleted. */
  private change(moves = true): Mutation {
    const mutation: Mutation = { writes: [], deletes: [], renames: [] };
    const r = this.random();
    const size =
      r < 0.5 ? 1 : r < 0.8 ? randomInt(this.random, 2, 4) : r < 0.98 ? randomInt(this.random, 4, 12) : 40;
    const subsystem = this.pick(SUBSYSTEMS);
    const local = this.local.get(subsystem) ?? [];
    const touched = new Set<string>();
    for (let i = 0; i < size; i++) {
      const op = this.random();
      const pool = local.length > 0 && this.random() < 0.85 ? local : this.paths;
      const path = this.pick(pool);
      if (touched.has(path) || !this.files.has(path)) continue;
      touched.add(path);
      if (op < 0.08) {
        const created = this.createFile(subsystem);
        touched.add(created); // not to be renamed later in this change, before git has it
        mutation.writes.push(created);
      } else if (moves && op < 0.1 && this.paths.length > 200) {
        this.files.delete(path);
        mutation.deletes.push(path);
      } else if (moves && op < 0.12) {
        const file = this.files.get(path) as SynthFile;
        const to = `${subsystem}/${this.pick(WORDS)}/file${this.fileSeq++}.${path.slice(path.lastIndexOf('.') + 1)}`;
        this.files.delete(path);
        this.files.set(to, file);
        mutation.renames.push([path, to]);
        this.edit(file, 1);
        mutation.writes.push(to);
      } else {
        this.edit(this.files.get(path) as SynthFile, randomInt(this.random, 1, 12));
        mutation.writes.push(path);
      }
    }
    if (mutation.deletes.length > 0 || mutation.renames.length > 0) this.reindex();
    return mutation;
  }

  private reindex(): void {
    this.paths = [...this.files.keys()];
    this.local.clear();
    for (const path of this.paths) {
      const subsystem = path.slice(0, path.indexOf('/'));
      const list = this.local.get(subsystem);
      if (list) list.push(path);
      else this.local.set(subsystem, [path]);
    }
  }

  private edit(file: SynthFile, edits: number): void {
    for (let e = 0; e < edits; e++) {
      const at = randomInt(this.random, 0, file.lines.length + 1);
      const op = this.random();
      if (op < 0.45) file.lines.splice(at, 0, this.line(at));
      else if (op < 0.7 && file.lines.length > 5) file.lines.splice(at, 1);
      else file.lines[Math.min(at, file.lines.length - 1)] = this.line(at);
    }
  }

  private async commit(
    mutation: Mutation,
    message: string,
    merges: number[],
    from = this.tip,
    ref = 'refs/heads/main',
  ): Promise<number> {
    const mark = ++this.mark;
    const who = this.author();
    this.time += randomInt(this.random, 60, 6 * 3600);
    const ident = `${who.name} <${who.email}> ${this.time} ${TZ}`;
    let text = `commit ${ref}\nmark :${mark}\nauthor ${ident}\ncommitter ${ident}\n${data(message)}`;
    if (from > 0) text += `from :${from}\n`;
    for (const merge of merges) text += `merge :${merge}\n`;
    for (const [oldPath, newPath] of mutation.renames) text += `R ${oldPath} ${newPath}\n`;
    for (const path of mutation.deletes) text += `D ${path}\n`;
    await this.write(text);
    for (const path of mutation.writes) {
      const file = this.files.get(path);
      if (!file) continue;
      const content = file.binary
        ? `\x89PNG\0\0${file.lines.length}\0${file.lines.join('\0')}`
        : `${file.lines.join('\n')}\n`;
      await this.write(`M 100644 inline ${path}\n${data(content)}`);
    }
    await this.write('\n');
    if (ref === 'refs/heads/main') this.tip = mark;
    this.commits++;
    return mark;
  }
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

/** Builds the synthetic repository in `dir` with one `git fast-import`. */
async function synthesise(dir: string, commits: number, signal: AbortSignal): Promise<{ merges: number }> {
  await runGit(dir, ['init', '-q', '--bare', '-b', 'main']);
  const child = spawn(
    'git',
    ['-c', 'pack.compression=1', '-c', 'core.compression=1', 'fast-import', '--quiet'],
    { cwd: dir, stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const closed = once(child, 'close');
  const write = async (text: string) => {
    if (!child.stdin.write(text)) await once(child.stdin, 'drain');
  };
  const synth = new HistorySynth(write);
  let failure: unknown;
  try {
    await synth.run(commits, signal);
  } catch (error) {
    failure = error; // most likely EPIPE: fast-import stopped, and its stderr says why
  }
  child.stdin.end();
  const [code] = (await closed) as [number | null];
  if (code !== 0 || failure) {
    const why = stderr.trim() || (failure instanceof Error ? failure.message : String(failure));
    throw new Error(`git fast-import failed (exit code ${code}): ${why}`);
  }
  return { merges: synth.merges };
}

/**
 * Runs the synthesis in a child process, so that the garbage of generating the history does not
 * inflate the RSS measured while mining.
 */
async function synthesiseInChild(dir: string, commits: number): Promise<{ merges: number }> {
  const script = fileURLToPath(import.meta.url);
  const args = [...process.execArgv, script, '--synthesise-into', dir, '--commits', String(commits)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`synthesising the repository failed (exit code ${code})`);
  return JSON.parse(stdout) as { merges: number };
}

async function runGit(cwd: string, args: string[]): Promise<void> {
  const child = spawn('git', args, { cwd, stdio: 'ignore' });
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`git ${args.join(' ')} failed with exit code ${code}`);
}

// ---------------------------------------------------------------------------------------------
// Measurements

interface Pass {
  commits: number;
  merges: number;
  files: number;
  /** Highest RSS seen while streaming (sampled every 500 commits and at the end). */
  peakRss: number;
}

async function minePass(repo: string, withFeatures: boolean, signal: AbortSignal): Promise<Pass> {
  const extractor = withFeatures ? new FeatureExtractor() : undefined;
  const pass: Pass = { commits: 0, merges: 0, files: 0, peakRss: process.memoryUsage.rss() };
  let checksum = 0;
  for await (const commit of streamCommits(repo, { signal })) {
    pass.commits++;
    if (commit.isMerge) pass.merges++;
    pass.files += commit.files.length;
    if (extractor) checksum += extractor.add(commit).nuc;
    if (pass.commits % 500 === 0) pass.peakRss = Math.max(pass.peakRss, process.memoryUsage.rss());
  }
  pass.peakRss = Math.max(pass.peakRss, process.memoryUsage.rss());
  if (checksum < 0) note('impossible'); // keeps the fold from being optimised away
  return pass;
}

/** The fold alone, over commits already in memory (this pass alone holds the whole history). */
function foldOnly(commits: readonly CommitRecord[]): number {
  const extractor = new FeatureExtractor();
  let checksum = 0;
  for (const commit of commits) checksum += extractor.add(commit).nf;
  return checksum;
}

async function main(options: MiningBenchOptions): Promise<void> {
  const started = Date.now();
  const cleanup = createCleanup(note);
  try {
    const { signal } = cleanup;
    let repo = options.repo;
    let synthesis: { ms: number; merges: number } | undefined;
    if (!repo) {
      const tmp = mkdtempSync(join(tmpdir(), 'cara-bench-mining-'));
      if (options.keep) note(`keeping the synthetic repository in ${tmp}`);
      else {
        cleanup.defer(() => rm(tmp, { recursive: true, force: true }));
        process.once('exit', () => rmSync(tmp, { recursive: true, force: true }));
      }
      note(`synthesising ${formatCount(options.commits)} commits with git fast-import`);
      const built = await timed(() => synthesiseInChild(tmp, options.commits));
      synthesis = { ms: built.ms, merges: built.result.merges };
      await checkInterrupt(signal);
      note(`  built in ${formatDuration(built.ms)}`);
      repo = tmp;
    }
    const info = await historyInfo(repo);
    note(`repository ${repo}: ${formatCount(info.commitCount)} commits${info.shallow ? ' (shallow)' : ''}`);

    const rssBefore = process.memoryUsage.rss();
    const maxRssBefore = process.resourceUsage().maxRSS * 1024;
    const mining = await bestOf(
      options.runs,
      () => minePass(repo, false, signal),
      (run, ms) => note(`  mining run ${run}/${options.runs}: ${formatDuration(ms)}`),
    );
    const withFeatures = await bestOf(
      options.runs,
      () => minePass(repo, true, signal),
      (run, ms) => note(`  mining + features run ${run}/${options.runs}: ${formatDuration(ms)}`),
    );
    // Sampled while streaming, and the process's high-water mark (which covers every moment).
    const peakStreamingRss = Math.max(
      mining.result.peakRss,
      withFeatures.result.peakRss,
      process.resourceUsage().maxRSS * 1024,
    );

    // The fold alone: collect once (outside the timing), then fold best-of-runs.
    const all: CommitRecord[] = [];
    for await (const commit of streamCommits(repo, { signal })) all.push(commit);
    await checkInterrupt(signal);
    const fold = await bestOf(options.runs, () => foldOnly(all));

    const n = withFeatures.result.commits;
    const miningRate = perSecond(mining.result.commits, mining.bestMs);
    const featureRate = perSecond(n, withFeatures.bestMs);
    const foldRate = perSecond(all.length, fold.bestMs);
    const ok = featureRate >= TARGET_COMMITS_PER_SECOND;
    const rows: string[][] = [
      [
        'mining (one streamed git log)',
        formatCount(mining.result.commits),
        rateAndTime(miningRate, mining.bestMs),
        '',
        '',
      ],
      [
        'mining + Kamei features',
        formatCount(n),
        rateAndTime(featureRate, withFeatures.bestMs),
        `>= ${formatCount(TARGET_COMMITS_PER_SECOND)}/s`,
        ok ? 'PASS' : 'FAIL',
      ],
      [
        'features alone (in-memory fold)',
        formatCount(all.length),
        rateAndTime(foldRate, fold.bestMs),
        '',
        '',
      ],
      ['peak RSS while streaming', '', `${mb(peakStreamingRss)} (${mb(rssBefore)} before)`, '', ''],
    ];
    const durationMs = Date.now() - started;
    const source = options.repo ? options.repo : `synthetic, ${formatCount(options.commits)} commits`;
    process.stdout.write(
      `\nHistory mining, ${source} (best of ${options.runs}; ${formatDuration(durationMs)} in all)\n` +
        `${formatCount(n)} commits (${formatCount(withFeatures.result.merges)} merges), ` +
        `${formatCount(withFeatures.result.files)} file changes\n\n` +
        `${formatTable(
          [
            { header: 'Measurement' },
            { header: 'Commits', align: 'right' },
            { header: 'Result', align: 'right' },
            { header: 'Target' },
            { header: 'Status' },
          ],
          rows,
        )}\n\n`,
    );
    const file = writeResults(options.quick ? 'mining-quick' : 'mining', {
      benchmark: 'mining',
      machine: machineInfo(new Date(started)),
      options: { ...options, repo: options.repo ?? null },
      repository: { source, commits: info.commitCount, shallow: info.shallow, synthesis: synthesis ?? null },
      durationMs,
      mining: {
        commits: mining.result.commits,
        runsMs: mining.runsMs,
        bestMs: mining.bestMs,
        commitsPerSecond: miningRate,
      },
      miningWithFeatures: {
        commits: n,
        merges: withFeatures.result.merges,
        fileChanges: withFeatures.result.files,
        runsMs: withFeatures.runsMs,
        bestMs: withFeatures.bestMs,
        commitsPerSecond: featureRate,
        target: TARGET_COMMITS_PER_SECOND,
        pass: ok,
      },
      featuresOnly: {
        commits: all.length,
        runsMs: fold.runsMs,
        bestMs: fold.bestMs,
        commitsPerSecond: foldRate,
      },
      memory: {
        rssBeforeBytes: rssBefore,
        maxRssBeforeBytes: maxRssBefore,
        peakStreamingRssBytes: peakStreamingRss,
        maxRssBytes: process.resourceUsage().maxRSS * 1024,
      },
    });
    note(`results written to ${file}`);
    if (!ok) process.exitCode = 1;
  } finally {
    await cleanup.run();
  }
}

function rateAndTime(rate: number, ms: number): string {
  return `${formatRate(rate, 'commits/s')} (${formatMs(ms)})`;
}

let options: MiningBenchOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  note(`bench/mining: ${error instanceof Error ? error.message : String(error)}`);
  note('usage: tsx bench/mining.ts [--repo PATH] [--commits N] [--runs N] [--quick] [--keep]');
  process.exit(2);
}
const run = options.synthesiseInto
  ? synthesise(options.synthesiseInto, options.commits, new AbortController().signal).then((result) => {
      process.stdout.write(JSON.stringify(result));
    })
  : main(options);
run.catch((error: unknown) => {
  if (error instanceof InterruptedError) {
    process.exitCode = error.exitCode;
    return;
  }
  note(`bench/mining failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
