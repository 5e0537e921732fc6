/**
 * Messages of bug-fixing commits: the keywords of Mockus & Votta and the SZZ literature, and issue
 * references. A GitHub pull-request suffix such as "(#123)" is not an issue reference: squash
 * merges append one to every commit, fix or not.
 */
export const DEFAULT_FIX_PATTERNS: readonly RegExp[] = [
  /\b(?:bug ?|hot ?)?fix(?:e[sd]|ing)?\b/i,
  /\bbugs?\b/i,
  /\bdefects?\b/i,
  /\bpatch(?:e[sd]|ing)?\b/i,
  /\bcrash(?:e[sd]|ing)?\b/i,
  /\bregressions?\b/i,
  /(?<![\w(&])#\d+\b/,
  // JIRA-style keys (ABC-123), but not standards and encodings such as UTF-8 or SHA-256.
  /\b(?!(?:UTF|UCS|SHA|MD|ISO|RFC|AES|RSA|TLS|SSL|HTTP|IPV|ECMA|ES|PEP|GPL|LGPL|CC|BY)-\d)[A-Z][A-Z0-9]+-\d+\b/,
];

/** True when `message` matches any of `patterns`. */
export function isFixMessage(message: string, patterns: readonly RegExp[] = DEFAULT_FIX_PATTERNS): boolean {
  for (const pattern of patterns) {
    pattern.lastIndex = 0; // a /g or /y pattern keeps state between calls
    if (pattern.test(message)) return true;
  }
  return false;
}
