/**
 * Which rules run on a path. `all`: every rule. `specific`: only provider and structural rules
 * (tokens with a known shape, PEM keys, JWTs, passwords in URLs) — for lockfiles (full of integrity
 * hashes), test fixtures (full of fake values) and minified bundles, where keyword and entropy rules
 * mostly find noise but a real token is still a leak.
 */
export type PathPolicy = 'all' | 'specific';

const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'Cargo.lock',
  'Gemfile.lock',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'composer.lock',
  'go.sum',
  'packages.lock.json',
  'flake.lock',
]);

const TEST_FOLDERS = new Set([
  'test',
  'tests',
  '__tests__',
  'spec',
  'specs',
  'fixtures',
  '__fixtures__',
  'testdata',
  '__mocks__',
]);

/** Lockfiles, test files and folders, minified code and source maps get `specific`; the rest `all`. */
export function pathPolicy(path: string): PathPolicy {
  const segments = path.split('/');
  const base = segments[segments.length - 1] ?? path;
  if (LOCKFILES.has(base)) return 'specific';
  if (segments.slice(0, -1).some((s) => TEST_FOLDERS.has(s))) return 'specific';
  if (/\.(?:test|spec)\.[A-Za-z0-9]+$|_test\.go$|\.min\.(?:js|css)$|\.map$/.test(base)) return 'specific';
  return 'all';
}
