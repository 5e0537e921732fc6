/** Files whose change can break any test: dependencies, compiler and test-runner configuration, CI. */
export const DEFAULT_GLOBAL_INPUTS: readonly string[] = [
  'package-lock.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'package.json',
  'tsconfig*.json',
  'vitest.config.*',
  'jest.config.*',
  '.github/workflows/**',
];

/**
 * The first pattern `file` matches, or undefined. A pattern without `/` matches the file name at any
 * depth (a workspace package's `package.json` counts too); `**` crosses folders, `*` and `?` do not.
 */
export function matchGlobalInput(file: string, patterns: readonly string[]): string | undefined {
  const name = file.slice(file.lastIndexOf('/') + 1);
  return patterns.find((pattern) => {
    const regexp = globRegExp(pattern);
    return regexp.test(file) || (!pattern.includes('/') && regexp.test(name));
  });
}

function globRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
