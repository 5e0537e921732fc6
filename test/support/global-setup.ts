/**
 * End-to-end tests run the built CLI; rebuild it first when any source file is newer than it, so a
 * stale dist/ can never make a test pass or fail for the wrong reason.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { caraBin, projectRoot } from './cli.js';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

export default function setup(): void {
  if (process.env.CARA_TEST_NO_BUILD === '1') {
    process.stderr.write('CARA_TEST_NO_BUILD=1: end-to-end tests use dist/ as it is\n');
    return;
  }
  let built = 0;
  try {
    built = statSync(caraBin).mtimeMs;
  } catch {
    built = 0;
  }
  if (built >= newestMtime(join(projectRoot, 'src'))) return;
  process.stderr.write('dist/ is older than src/: building before the end-to-end tests\n');
  execFileSync(
    process.execPath,
    [join(projectRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: projectRoot,
      stdio: 'inherit',
    },
  );
}
