const WILDCARD = '<*>';
const OPEN = '([{';
const CLOSE = ')]}';

/**
 * In a masked token, turns each `key=value` value that holds a wildcard into one wildcard:
 * `bnds=[<*>,<*>][<*>,<*>]` becomes `bnds=<*>`, `name=cp-<*>.x.org,` becomes `name=<*>,`. A value
 * runs to a `,`, `;` or `&` outside brackets, an unmatched closing bracket or the end; a quoted
 * value keeps its quotes (`tag="<*>"`).
 */
export function maskValues(token: string): string {
  let out = '';
  let i = 0;
  while (i < token.length) {
    const eq = token.indexOf('=', i);
    if (eq < 0) break;
    out += token.slice(i, eq + 1);
    let start = eq + 1;
    const quote = token[start];
    let end: number;
    if (quote === '"' || quote === "'") {
      const close = token.indexOf(quote, start + 1);
      end = close < 0 ? token.length : close;
      out += quote;
      start++;
    } else end = valueEnd(token, start);
    const value = token.slice(start, end);
    const whole = value !== WILDCARD && value.includes(WILDCARD) && token[end] !== '=' && balanced(value);
    out += whole ? WILDCARD : value;
    i = end;
  }
  return out + token.slice(i);
}

/** Where an unquoted value that starts at `start` ends. */
function valueEnd(token: string, start: number): number {
  let depth = 0;
  for (let i = start; i < token.length; i++) {
    const c = token[i] as string;
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && (c === ',' || c === ';' || c === '&' || c === '=')) return i;
  }
  return token.length;
}

/** Whether every bracket in `value` closes inside it: `Rect(<*>,` is a structure cut by a space. */
function balanced(value: string): boolean {
  let depth = 0;
  for (const c of value) {
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) depth--;
  }
  return depth === 0;
}
