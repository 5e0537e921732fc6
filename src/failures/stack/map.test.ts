import { describe, expect, it } from 'vitest';
import { mapFramesToRepo } from './map.js';
import { parseStackFrames } from './parse.js';

const files = [
  'src/users.ts',
  'src/api.ts',
  'src/users.test.ts',
  'packages/web/src/page.ts',
  'services/billing/src/main/java/com/acme/billing/Invoice.java',
  'src/index.ts',
  'lib/index.ts',
  'calc.py',
];

function repoFiles(stack: string, root = '/home/runner/work/app/app'): Array<string | undefined> {
  return mapFramesToRepo(parseStackFrames(stack), { root, files }).map((frame) => frame.repoFile);
}

describe('mapFramesToRepo', () => {
  it('maps absolute, file-URL and relative paths; skips node_modules and internals', () => {
    const stack = [
      '    at getUser (/home/runner/work/app/app/src/users.ts:14:22)',
      '    at handler (file:///home/runner/work/app/app/src/api.ts:8:5)',
      '    at Object.<anonymous> (./src/users.test.ts:7:18)',
      '    at run (/home/runner/work/app/app/node_modules/vitest/dist/run.js:1:1)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '    at elsewhere (/usr/lib/node/other.js:1:1)',
    ].join('\n');
    expect(repoFiles(stack)).toEqual([
      'src/users.ts',
      'src/api.ts',
      'src/users.test.ts',
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('maps a checkout under another root by suffix, but not by a bare file name', () => {
    const stack = [
      '    at a (/builds/ci/app/src/users.ts:1:1)',
      '    at b (/builds/ci/app/other/index.ts:1:1)',
      '    at c (/builds/ci/app/lib/index.ts:1:1)',
    ].join('\n');
    expect(repoFiles(stack, '/work/app')).toEqual(['src/users.ts', undefined, 'lib/index.ts']);
  });

  it('maps JVM package paths and paths relative to a sub-package by a unique suffix', () => {
    const stack = [
      '\tat com.acme.billing.Invoice.total(Invoice.java:42)',
      '    at render (src/page.ts:3:3)',
      '    at main (index.ts:1:1)',
    ].join('\n');
    expect(repoFiles(stack)).toEqual([
      'services/billing/src/main/java/com/acme/billing/Invoice.java',
      'packages/web/src/page.ts',
      undefined,
    ]);
  });

  it('maps Windows paths under a Windows root and keeps the frame fields', () => {
    const frames = mapFramesToRepo(parseStackFrames('    at x (C:\\a\\app\\src\\api.ts:2:3)'), {
      root: 'C:\\a\\app\\',
      files,
    });
    expect(frames).toEqual([
      {
        file: 'C:\\a\\app\\src\\api.ts',
        line: 2,
        column: 3,
        fn: 'x',
        format: 'v8',
        internal: false,
        repoFile: 'src/api.ts',
      },
    ]);
  });

  it('maps Python site-packages to nothing and repo files by path', () => {
    const stack = [
      '  File "/home/runner/work/app/app/.venv/lib/python3.12/site-packages/requests/api.py", line 5, in get',
      '  File "/home/runner/work/app/app/calc.py", line 3, in add',
    ].join('\n');
    expect(repoFiles(stack)).toEqual([undefined, 'calc.py']);
  });
});
