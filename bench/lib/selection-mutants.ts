import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomInt } from './random.js';

/** A single-line change to one source file. */
export interface Mutant {
  id: number;
  file: string;
  /** 1-based. */
  line: number;
  operator: string;
  before: string;
  after: string;
}

const FLIPS: readonly [RegExp, string, string][] = [
  [/ \+ /g, ' - ', '+ -> -'],
  [/ - /g, ' + ', '- -> +'],
  [/ < /g, ' <= ', '< -> <='],
  [/ <= /g, ' < ', '<= -> <'],
  [/ > /g, ' >= ', '> -> >='],
  [/ >= /g, ' > ', '>= -> >'],
  [/ === /g, ' !== ', '=== -> !=='],
  [/ !== /g, ' === ', '!== -> ==='],
];
const DECLARATION = /^(?:return\b|const |let |export |import |\}|for |if )/;

/** Every mutant the operators allow in `text`: operator flips, constant changes, statement deletions. */
export function mutationCandidates(file: string, text: string): Omit<Mutant, 'id'>[] {
  const out: Omit<Mutant, 'id'>[] = [];
  text.split('\n').forEach((before, index) => {
    const line = index + 1;
    const code = before.trim();
    if (code === '' || code.startsWith('export function') || /^(?:\/\/|\/\*|\*)/.test(code)) return;
    const add = (after: string, operator: string) => out.push({ file, line, operator, before, after });
    for (const [pattern, replacement, operator] of FLIPS) {
      for (const match of before.matchAll(pattern)) {
        const at = match.index;
        add(before.slice(0, at) + replacement + before.slice(at + match[0].length), operator);
      }
    }
    // Integer literals outside string literals (the templates keep digits out of strings).
    if (!/['`]/.test(code)) {
      for (const match of before.matchAll(/(?<![\w.])\d+(?![\w.])/g)) {
        const value = Number(match[0]);
        const at = match.index;
        const after =
          before.slice(0, at) + String(value === 0 ? 1 : value + 1) + before.slice(at + match[0].length);
        add(after, `constant ${value} -> ${value === 0 ? 1 : value + 1}`);
      }
    }
    if (code.endsWith(';') && !DECLARATION.test(code)) add('', 'statement deletion');
  });
  return out;
}

/** Whether a mutant is worth running: `equivalent` and `invalid` ones are drawn again. */
export type MutantVerdict = 'ok' | 'equivalent' | 'invalid';

export interface SampledMutants {
  mutants: Mutant[];
  /** Every candidate the operators allow in the files. */
  candidates: number;
  /** Drawn and discarded: the same program once compiled (types, comments), or not a program at all. */
  equivalent: number;
  invalid: number;
}

/**
 * `count` mutants drawn without replacement from every candidate of `files`, seeded; a draw that
 * `check` rejects is counted and replaced by another, so every returned mutant changes the program.
 */
export function sampleMutants(
  root: string,
  files: readonly string[],
  count: number,
  random: () => number,
  check: (mutant: Omit<Mutant, 'id'>, text: string) => MutantVerdict = () => 'ok',
): SampledMutants {
  const texts = new Map(files.map((file) => [file, readFileSync(join(root, file), 'utf8')]));
  const pool = files.flatMap((file) => mutationCandidates(file, texts.get(file) as string));
  const out: SampledMutants = { mutants: [], candidates: pool.length, equivalent: 0, invalid: 0 };
  while (out.mutants.length < count && pool.length > 0) {
    const [mutant] = pool.splice(randomInt(random, 0, pool.length), 1);
    if (mutant === undefined) continue;
    const verdict = check(mutant, texts.get(mutant.file) as string);
    if (verdict === 'ok') out.mutants.push({ id: out.mutants.length + 1, ...mutant });
    else out[verdict]++;
  }
  return out;
}

/** `text` with the mutant's line replaced. */
export function mutatedText(text: string, mutant: Omit<Mutant, 'id'>): string {
  const lines = text.split('\n');
  lines[mutant.line - 1] = mutant.after;
  return lines.join('\n');
}

/** Writes the mutant into the fixture and returns a function that restores the original file. */
export function applyMutant(root: string, mutant: Mutant): () => void {
  const path = join(root, mutant.file);
  const original = readFileSync(path, 'utf8');
  const lines = original.split('\n');
  if (lines[mutant.line - 1] !== mutant.before) {
    throw new Error(`${mutant.file}:${mutant.line} is not what mutant ${mutant.id} expects`);
  }
  lines[mutant.line - 1] = mutant.after;
  writeFileSync(path, lines.join('\n'));
  return () => writeFileSync(path, original);
}

export interface TestFileRun {
  file: string;
  passed: boolean;
  timedOut: boolean;
  ms: number;
}

/** Runs `node --test <file>` in `root`; a run over `timeoutMs` is killed (with its test child) and fails. */
export function runTestFile(root: string, file: string, timeoutMs: number): Promise<TestFileRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--test', file], { cwd: root, stdio: 'ignore', detached: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ file, passed: code === 0 && !timedOut, timedOut, ms: performance.now() - started });
    });
  });
}

/** Runs every test file, at most `parallel` at a time; results in the order of `files`. */
export async function runTestFiles(
  root: string,
  files: readonly string[],
  parallel: number,
  timeoutMs: number,
): Promise<TestFileRun[]> {
  const results: TestFileRun[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      results[index] = await runTestFile(root, files[index] as string, timeoutMs);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, files.length) }, worker));
  return results;
}
