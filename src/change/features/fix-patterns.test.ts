import { describe, expect, it } from 'vitest';
import { isFixMessage } from './fix-patterns.js';
import { ancestorsOf, directoryOf, extensionOf, fileKind, subsystemOf } from './paths.js';

describe('isFixMessage', () => {
  it.each([
    'Fix crash when the config is empty',
    'fix(parser): handle CRLF',
    'Fixes a race in the scheduler',
    'bugfix: off-by-one in paging',
    'hotfix for login',
    'Resolve defect in totals',
    'Patch null pointer in handler',
    'Avoid regression in export',
    'Handle empty input, closes #482',
    'PROJ-1234 guard against overflow',
    'Bug 123456 - wrong encoding',
  ])('counts %j as a fix', (message) => {
    expect(isFixMessage(message)).toBe(true);
  });

  it.each([
    'Add a prefix option',
    'feat: new dashboard (#123)',
    'Use UTF-8 and SHA-256 everywhere',
    'Update test fixtures',
    'debug logging for the deploy step',
    'Render &#123; entities',
  ])('does not count %j as a fix', (message) => {
    expect(isFixMessage(message)).toBe(false);
  });

  it('uses configured patterns instead of the defaults, even stateful /g ones', () => {
    const patterns = [/\bcorrige\b/gi];
    expect(isFixMessage('corrige le calcul', patterns)).toBe(true);
    expect(isFixMessage('corrige encore', patterns)).toBe(true);
    expect(isFixMessage('fix crash', patterns)).toBe(false);
  });
});

describe('path helpers', () => {
  it('tells tests, docs, config and code apart', () => {
    expect(fileKind('src/git/repo.test.ts')).toBe('test');
    expect(fileKind('test/e2e/init.ts')).toBe('test');
    expect(fileKind('pkg/handler_test.go')).toBe('test');
    expect(fileKind('tests/test_api.py')).toBe('test');
    expect(fileKind('src/main/java/FooTest.java')).toBe('test');
    expect(fileKind('docs/guide.html')).toBe('doc');
    expect(fileKind('README')).toBe('doc');
    expect(fileKind('notes/CHANGELOG.md')).toBe('doc');
    expect(fileKind('package.json')).toBe('config');
    expect(fileKind('.github/workflows/ci.yml')).toBe('config');
    expect(fileKind('.gitignore')).toBe('config');
    expect(fileKind('deploy/Dockerfile')).toBe('config');
    expect(fileKind('src/deploy/rollout.ts')).toBe('code');
    expect(fileKind('scripts/build.sh')).toBe('code');
  });

  it('splits paths into extension, directory, subsystem and ancestors', () => {
    expect(extensionOf('src/a.Test.TS')).toBe('ts');
    expect(extensionOf('.gitignore')).toBe('');
    expect(extensionOf('Makefile')).toBe('');
    expect(directoryOf('src/a/b.ts')).toBe('src/a');
    expect(directoryOf('b.ts')).toBe('.');
    expect(subsystemOf('src/a/b.ts', 1)).toBe('src');
    expect(subsystemOf('src/a/b.ts', 2)).toBe('src/a');
    expect(subsystemOf('src/a/b.ts', 5)).toBe('src/a');
    expect(subsystemOf('b.ts', 1)).toBe('.');
    expect(ancestorsOf('a/b/c.ts')).toEqual(['a', 'a/b']);
    expect(ancestorsOf('c.ts')).toEqual([]);
  });
});
