const GLOB_CHARS = /[*?{[]/;

/** True when `pattern` holds glob syntax rather than naming one file or folder. */
export function isGlob(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
}

/** The folder part of a glob before its first wildcard: where a walk for it has to start. */
export function globBase(pattern: string): string {
  const parts = pattern.split('/');
  const fixed: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (isGlob(part)) break;
    fixed.push(part);
  }
  return fixed.join('/');
}

/**
 * Compiles a path glob to a RegExp over `/`-separated relative paths: `**` crosses folders, `*` and
 * `?` stay within one, `{a,b}` is an alternation. A glob that ends in a folder also matches below it.
 */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  let inBraces = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      inBraces = true;
      source += '(?:';
    } else if (char === '}' && inBraces) {
      inBraces = false;
      source += ')';
    } else if (char === ',' && inBraces) source += '|';
    else source += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}(?:/.*)?$`);
}
