import { describe, expect, it } from 'vitest';
import { isPathAllowed, isSecretAllowed, mergeAllowlists, parseAllowlist } from './allowlist.js';
import { globToRegExp } from './glob.js';
import { scanText } from './scan-text.js';

const key = ['AKIA', 'Z7Q2HXWJ4MRT6PLK'].join('');

describe('allowlist', () => {
  it('reads fingerprints, paths, regexes and rules, with comments', () => {
    const list = parseAllowlist(
      [
        '# reviewed 2026-01-10',
        '0123456789abcdef0123456789ABCDEF',
        'fingerprint: ffffffffffffffffffffffffffffffff  # the demo key',
        'path: docs/**/*.md',
        'regex: ^AKIA.*EXAMPLE$',
        'rule: high-entropy-string',
        '',
      ].join('\n'),
      'allow',
    );
    expect([...list.fingerprints]).toEqual([
      '0123456789abcdef0123456789abcdef',
      'ffffffffffffffffffffffffffffffff',
    ]);
    expect(isPathAllowed(list, 'docs/guide/setup.md')).toBe(true);
    expect(isPathAllowed(list, 'src/setup.md')).toBe(false);
    expect(isSecretAllowed(list, 'aws-access-key-id', 'x', 'AKIAABCDEXAMPLE')).toBe(true);
    expect(isSecretAllowed(list, 'high-entropy-string', 'x', 'anything')).toBe(true);
    expect(isSecretAllowed(list, 'jwt', 'x', 'anything')).toBe(false);
  });

  it('names the file and line of a bad entry', () => {
    expect(() => parseAllowlist('path: a\nnonsense entry\n', '.cara/secrets-allowlist')).toThrow(
      /\.cara\/secrets-allowlist:2/,
    );
    expect(() => parseAllowlist('regex: ([', 'list')).toThrow(/list:1: invalid regular expression/);
  });

  it('suppresses a finding by fingerprint, and by an inline comment on the line or the line before', () => {
    const text = `const k = "${key}";\n`;
    const [finding] = scanText(text, { path: 'a.ts' }).findings;
    expect(finding).toBeDefined();
    const list = mergeAllowlists([parseAllowlist(`fingerprint:${finding?.fingerprint}`, 'l')]);
    expect(scanText(text, { path: 'a.ts', allowlist: list })).toMatchObject({ findings: [], allowed: 1 });
    expect(scanText(`const k = "${key}"; // cara:allow-secret`, { path: 'a.ts' }).findings).toEqual([]);
    expect(scanText(`// cara:allow-secret (demo)\nconst k = "${key}";`, { path: 'a.ts' }).findings).toEqual(
      [],
    );
    expect(scanText(`// cara:allow-secret\n\nconst k = "${key}";`, { path: 'a.ts' }).findings).toHaveLength(
      1,
    );
  });
});

describe('globToRegExp', () => {
  it('matches like .gitignore patterns', () => {
    expect(globToRegExp('*.pem').test('certs/dev.pem')).toBe(true);
    expect(globToRegExp('/vendor/').test('vendor/lib/a.js')).toBe(true);
    expect(globToRegExp('/vendor/').test('src/vendor/a.js')).toBe(false);
    expect(globToRegExp('src/*.ts').test('src/a/b.ts')).toBe(false);
    expect(globToRegExp('src/**/b.ts').test('src/a/b.ts')).toBe(true);
    expect(globToRegExp('src/**/b.ts').test('src/b.ts')).toBe(true);
  });
});
