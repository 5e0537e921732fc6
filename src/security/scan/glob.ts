/**
 * A path glob as a RegExp: `**` spans folders, `*` and `?` stay inside one segment, a pattern
 * without a `/` matches the base name anywhere (as in .gitignore), a trailing `/` means a folder.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = glob.trim();
  const anchored = pattern.startsWith('/') || pattern.replace(/\/$/, '').includes('/');
  pattern = pattern.replace(/^\//, '');
  if (pattern.endsWith('/')) pattern += '**';
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? '';
    if (ch === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(anchored ? `^${source}$` : `(?:^|/)${source}$`);
}
