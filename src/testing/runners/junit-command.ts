import { stat } from 'node:fs/promises';
import path from 'node:path';
import { CaraError } from '../../core/errors.js';
import { parseJUnitXml, type TestRunResult } from '../results/index.js';
import { mergeResults } from './batch.js';
import { outputTail, runProcess } from './child-process.js';
import { globToRegExp } from './glob.js';
import { listFiles, readReport } from './project.js';
import { DEFAULT_FILE_TIMEOUT_MS, type RunnerAdapter } from './types.js';

export interface JUnitCommandOptions {
  /** The test command and its arguments, e.g. `['pytest', '--junitxml=reports/junit.xml']`; files are appended. */
  command: readonly string[];
  /** Repo-relative glob of the JUnit XML reports the command writes, e.g. `reports/**\/*.xml`. */
  reportGlob: string;
  /** Repo-relative glob of the test files, for discovery; nothing is discovered without it. */
  testGlob?: string;
}

/**
 * Any runner that writes JUnit XML (pytest, gotestsum, Maven surefire): runs the configured command, then
 * parses every report matching the glob that the run wrote (older reports are ignored).
 */
export function createJUnitCommandRunner(options?: JUnitCommandOptions): RunnerAdapter {
  return {
    name: 'junit',
    async detect() {
      return options !== undefined;
    },
    async discover(root) {
      if (options?.testGlob === undefined) return [];
      const pattern = globToRegExp(options.testGlob);
      return (await listFiles(root)).filter((file) => pattern.test(file));
    },
    async run(run) {
      const config = requireConfig(options);
      const [command, ...args] = config.command;
      const files = run.files ?? [];
      const limitMs = (run.timeoutMs ?? DEFAULT_FILE_TIMEOUT_MS) * Math.max(1, files.length);
      const started = Date.now();
      const result = await runProcess(command as string, [...args, ...files], {
        cwd: run.root,
        timeoutMs: limitMs,
        ...(run.env === undefined ? {} : { env: run.env }),
        ...(run.signal === undefined ? {} : { signal: run.signal }),
        ...(run.onOutput === undefined ? {} : { onOutput: run.onOutput }),
      }).catch((error: unknown) => {
        throw new CaraError(
          'RUNNER_FAILED',
          `Could not start ${config.command.join(' ')}: ${String(error)}`,
          {
            hint: 'Check the junit runner command in the configuration.',
            cause: error,
          },
        );
      });
      run.signal?.throwIfAborted();
      const parts: TestRunResult[] = [];
      const pattern = globToRegExp(config.reportGlob);
      for (const file of (await listFiles(run.root)).filter((f) => pattern.test(f))) {
        const full = path.join(run.root, file);
        // Reports left over from an earlier run would be mistaken for this one's.
        if ((await stat(full)).mtimeMs < started - 1_000) continue;
        const xml = await readReport(full);
        if (xml !== undefined) parts.push(parseJUnitXml(xml, { source: file, root: run.root }));
      }
      if (result.timedOut) parts.push(commandTimedOut(config.command, limitMs));
      else if (parts.length === 0) {
        throw new CaraError(
          'RUNNER_FAILED',
          `${config.command.join(' ')} exited with code ${result.exitCode} and wrote no report matching ${config.reportGlob}`,
          { hint: `Its output ended with:\n${outputTail(result.output)}` },
        );
      }
      return { ...mergeResults(parts[0]?.runner ?? 'junit', parts), durationMs: Date.now() - started };
    },
  };
}

function requireConfig(options: JUnitCommandOptions | undefined): JUnitCommandOptions {
  if (options !== undefined && options.command.length > 0) return options;
  throw new CaraError('USAGE', 'The junit runner needs a command and a report glob', {
    hint: 'Configure it, e.g. command: [pytest, --junitxml=reports/junit.xml], reportGlob: reports/*.xml',
  });
}

function commandTimedOut(command: readonly string[], limitMs: number): TestRunResult {
  const name = command.join(' ');
  return {
    runner: 'junit',
    durationMs: limitMs,
    tests: [
      {
        id: `::::${name}`,
        file: undefined,
        suite: [],
        name,
        outcome: 'errored',
        durationMs: limitMs,
        failure: { message: `${name} did not finish within ${limitMs} ms and was killed`, type: 'Timeout' },
        attempts: 1,
        flakyPassed: false,
      },
    ],
    files: [],
  };
}
