import { describe, expect, it } from 'vitest';
import { parseHunks, parseNameStatus, parseOldHunks } from './changed-lines.js';

describe('changed lines', () => {
  it('reads new-file ranges from -U0 hunks, marking pure deletions', () => {
    const patch = [
      'diff --git a/src/a.ts b/src/a.ts',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -3,0 +4,2 @@',
      '+x',
      '+y',
      '@@ -10,2 +11 @@',
      '-old',
      '-old',
      '+new',
      '@@ -20,3 +20,0 @@',
      'diff --git a/gone.ts b/gone.ts',
      '--- a/gone.ts',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
    ].join('\n');
    expect(parseHunks(patch)).toEqual(
      new Map([
        [
          'src/a.ts',
          [
            [4, 5],
            [11, 11],
            [20, 20],
          ],
        ],
      ]),
    );
  });

  it('reads the old-side ranges: replaced and deleted lines, and the lines around an insertion', () => {
    const patch = [
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -3,0 +4,2 @@',
      '@@ -10,2 +11 @@',
      '@@ -20,3 +20,0 @@',
      '@@ -30 +29 @@',
    ].join('\n');
    expect(parseOldHunks(patch).get('src/a.ts')).toEqual([
      [3, 4],
      [10, 11],
      [20, 22],
      [30, 30],
    ]);
  });

  it('reads name-status with renames', () => {
    expect(parseNameStatus('M\0src/a.ts\0R087\0old.ts\0new.ts\0A\0n.ts\0D\0d.ts\0')).toEqual([
      { path: 'src/a.ts', status: 'modified' },
      { path: 'new.ts', oldPath: 'old.ts', status: 'renamed' },
      { path: 'n.ts', status: 'added' },
      { path: 'd.ts', status: 'deleted' },
    ]);
  });
});
