import path from 'node:path';
import { CaraError } from '../../core/errors.js';
import { outputTail, runProcess } from './child-process.js';
import { jsonReportRun } from './json-report.js';
import {
  anyFileExists,
  readPackageJson,
  readReport,
  requireBinary,
  usesTool,
  withTempDir,
} from './project.js';
import type { RunnerAdapter } from './types.js';

const CONFIG_FILES = ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs'].flatMap((ext) => [
  `vitest.config.${ext}`,
  `vitest.workspace.${ext}`,
]);

/** Vitest through `vitest list --json` and `vitest run --reporter=json`. */
export function createVitestRunner(): RunnerAdapter {
  return {
    name: 'vitest',
    async detect(root) {
      return (
        usesTool(await readPackageJson(root), 'vitest', /\bvitest\b/) || anyFileExists(root, CONFIG_FILES)
      );
    },
    discover: discoverVitest,
    run: jsonReportRun('vitest', discoverVitest, (out, files, options) => [
      'run',
      '--reporter=json',
      `--outputFile=${out}`,
      // Absolute paths, so a filter matches exactly that file and not every path containing it.
      ...files.map((file) => path.resolve(options.root, file)),
    ]),
  };
}

async function discoverVitest(root: string): Promise<string[]> {
  const binary = await requireBinary(root, 'vitest');
  return withTempDir(async (dir) => {
    const out = path.join(dir, 'list.json');
    const result = await runProcess(binary, ['list', '--filesOnly', `--json=${out}`], { cwd: root });
    const report = await readReport(out);
    if (report === undefined) {
      throw new CaraError('RUNNER_FAILED', `vitest list failed in ${root} (exit code ${result.exitCode})`, {
        hint: `Its output ended with:\n${outputTail(result.output)}`,
      });
    }
    const entries: unknown = JSON.parse(report);
    const files = Array.isArray(entries)
      ? entries.flatMap((entry: { file?: unknown }) => (typeof entry?.file === 'string' ? [entry.file] : []))
      : [];
    return [...new Set(files.map((file) => toPosixRelative(root, file)))].sort();
  });
}

function toPosixRelative(root: string, file: string): string {
  return path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
}
