import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadJitCsv } from '../../src/change/model/csv.js';
import type { Sample } from '../../src/change/model/types.js';

/** `../shared/data/jit` seen from the project root, whatever the working directory. */
export const DEFAULT_JIT_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'shared',
  'data',
  'jit',
);

export interface JitProject {
  name: string;
  file: string;
  samples: Sample[];
}

/**
 * Every `*.csv` in `dir` is one project, named after its file, sorted by name. Returns a reason
 * instead when the folder is missing or holds no CSV, so callers can skip with a clear message.
 */
export function loadJitProjects(dir: string): { projects: JitProject[] } | { skipped: string } {
  if (!existsSync(dir)) return { skipped: `no JIT data at ${dir}` };
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.csv'))
    .sort();
  if (files.length === 0) return { skipped: `no *.csv files in ${dir}` };
  return {
    projects: files.map((name) => {
      const file = join(dir, name);
      try {
        return { name: basename(name, '.csv'), file, samples: loadJitCsv(readFileSync(file, 'utf8')) };
      } catch (error) {
        throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
    }),
  };
}
