/** Network addresses inside a token, found by one scan: IPv4 (with a port), IPv6 and MAC. */

// Character tests stay local to each scanner: hot loops call them per character.
const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** Characters an address is made of. */
const isAddressChar = (c: number) => isHex(c) || c === 46 || c === 58;

/**
 * The first address in `token` at or after `from`, as `[start, end)`, or undefined. A run of hex
 * digits, dots and colons between non-alphanumerics counts when it is an IPv4 address (`10.0.0.1`,
 * `10.0.0.1:8080`), or colon groups of hex that a time cannot be: five or more (`f8:4f:57:..`), or `::`.
 */
export function findAddress(token: string, from = 0): [number, number] | undefined {
  if (token.indexOf('.', from) < 0 && token.indexOf(':', from) < 0) return undefined;
  let i = from;
  while (i < token.length) {
    const c = token.charCodeAt(i);
    if (!isAddressChar(c) || (i > 0 && isAlnum(token.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    let end = i;
    let separators = 0;
    for (; end < token.length; end++) {
      const e = token.charCodeAt(end);
      if (!isAddressChar(e)) break;
      if (e === 46 || e === 58) separators++;
    }
    if (separators < 2) {
      i = end + 1;
      continue;
    }
    // A trailing `.` or `:` is punctuation, not part of the address.
    let stop = end;
    while (stop > i && !isHex(token.charCodeAt(stop - 1))) stop--;
    const bounded = end >= token.length || !isAlnum(token.charCodeAt(end));
    if (bounded && stop > i && isAddress(token.slice(i, stop))) return [i, stop];
    i = end + 1;
  }
  return undefined;
}

function isAddress(run: string): boolean {
  if (isIpv4(run)) return true;
  const colon = run.indexOf(':');
  if (colon > 0 && isIpv4(run.slice(0, colon)) && /^\d+$/.test(run.slice(colon + 1))) return true;
  if (run.includes('.')) return false;
  const groups = run.split(':');
  if (!groups.every((g) => g.length <= 4)) return false;
  return groups.length >= 5 || (run.includes('::') && groups.some((g) => g !== ''));
}

function isIpv4(run: string): boolean {
  const parts = run.split('.');
  return (
    parts.length === 4 &&
    parts.every((p) => p.length >= 1 && p.length <= 3 && /^\d+$/.test(p) && Number(p) < 256)
  );
}
