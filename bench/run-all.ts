/**
 * Runs every benchmark in bench/ (except this file) one after another, each in its own Node
 * process so one cannot warm or pollute another's heap. Arguments are passed through to each.
 *
 *   npm run bench -- --quick
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDuration } from './lib/format.js';

const here = fileURLToPath(import.meta.url);
const benchDir = dirname(here);

/** Benchmarks are the top-level `.ts` files of bench/; helpers live in bench/lib. */
function listBenchmarks(): string[] {
  return readdirSync(benchDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && entry.name !== basename(here))
    .map((entry) => join(benchDir, entry.name))
    .sort();
}

let current: ChildProcess | undefined;
let interrupted = false;

/**
 * Ctrl-C reaches the running benchmark through the terminal's process group; wait for it to clean
 * up instead of exiting under it. A SIGTERM sent to this process alone is passed on.
 */
function onSignal(signal: NodeJS.Signals): void {
  interrupted = true;
  if (signal === 'SIGTERM') current?.kill('SIGTERM');
}

/** Runs one benchmark with inherited stdio; resolves to a failure description, or undefined on success. */
function runBenchmark(file: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: 'inherit' });
    current = child;
    child.once('error', (error) => resolve(`could not start: ${error.message}`));
    child.once('exit', (code, signal) => {
      current = undefined;
      if (signal) resolve(`killed by ${signal}`);
      else resolve(code === 0 ? undefined : `exit code ${code}`);
    });
  });
}

async function main(): Promise<void> {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const args = process.argv.slice(2);
  const benchmarks = listBenchmarks();
  const failures: string[] = [];
  for (const [i, file] of benchmarks.entries()) {
    if (interrupted) break;
    const name = relative(process.cwd(), file);
    process.stdout.write(`\n=== [${i + 1}/${benchmarks.length}] ${[name, ...args].join(' ')}\n`);
    const started = Date.now();
    const failure = await runBenchmark(file, args);
    const took = formatDuration(Date.now() - started);
    if (failure) failures.push(`${name}: ${failure}`);
    process.stdout.write(`=== ${name} ${failure ? `FAILED (${failure})` : 'done'} in ${took}\n`);
  }
  if (interrupted) {
    process.stderr.write('\ninterrupted; remaining benchmarks skipped\n');
    process.exitCode = 130;
  } else if (failures.length > 0) {
    process.stderr.write(
      `\n${failures.length} of ${benchmarks.length} benchmarks failed:\n  ${failures.join('\n  ')}\n`,
    );
    process.exitCode = 1;
  } else {
    process.stdout.write(`\nall ${benchmarks.length} benchmarks finished\n`);
  }
}

await main();
