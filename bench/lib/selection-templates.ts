import { randomInt } from './random.js';

/** Seeded constants a function template is written with. */
export interface TemplateConstants {
  c1: number;
  c2: number;
}

/** One exported function of the fixture: its source lines and the argument lists tests call it with. */
export interface FunctionTemplate {
  suffix: string;
  lines: (name: string, c: TemplateConstants) => string[];
  inputs: (random: () => number, c: TemplateConstants) => unknown[][];
}

const ints = (random: () => number, length: number, min: number, max: number): number[] =>
  Array.from({ length }, () => randomInt(random, min, max));
const words = ['alpha', 'Beta', 'gamma', '', 'delta', 'EPS', 'zeta', 'eta'];
const phrase = (random: () => number): string =>
  Array.from({ length: randomInt(random, 1, 5) }, () => words[randomInt(random, 0, words.length)]).join(' ');
const cases = <T>(count: number, make: () => T): T[] => Array.from({ length: count }, make);

/**
 * Plain-JS function bodies with real logic (loops, branches, arithmetic, strings, arrays): the lines
 * the mutants land on. No `while` loops, so a deleted statement cannot make a test hang forever.
 */
export const TEMPLATES: readonly FunctionTemplate[] = [
  {
    suffix: 'WeightedSum',
    lines: (name, { c1, c2 }) => [
      `export function ${name}(values) {`,
      '  let total = 0;',
      '  for (let i = 0; i < values.length; i++) {',
      `    total = total + values[i] * (i + ${c1});`,
      '  }',
      `  return total - ${c2};`,
      '}',
    ],
    inputs: (random) => cases(3, () => [ints(random, randomInt(random, 1, 6), -5, 20)]),
  },
  {
    suffix: 'Clamp',
    lines: (name, { c1, c2 }) => [
      `export function ${name}(x) {`,
      `  if (x < ${c1}) {`,
      `    return ${c1};`,
      '  }',
      `  if (x > ${c1 + c2 * 3}) {`,
      `    return ${c1 + c2 * 3};`,
      '  }',
      `  return x * 2 - ${c1};`,
      '}',
    ],
    inputs: (random, { c1, c2 }) => [
      [c1 - 2],
      [c1 + 1],
      [c1 + c2 * 3],
      [c1 + c2 * 3 + 4],
      [randomInt(random, c1, c1 + c2 * 3)],
    ],
  },
  {
    suffix: 'Slug',
    lines: (name, { c1, c2 }) => [
      `export function ${name}(text) {`,
      "  const parts = text.split(' ');",
      '  const out = [];',
      '  for (const part of parts) {',
      '    if (part.length === 0) {',
      '      continue;',
      '    }',
      `    out.push(part.slice(0, ${c1}).toLowerCase());`,
      '  }',
      `  return out.join('-') + ':' + (parts.length + ${c2});`,
      '}',
    ],
    inputs: (random) => [...cases(2, () => [phrase(random)]), ['alpha  beta']],
  },
  {
    suffix: 'CountAbove',
    lines: (name, { c1, c2 }) => [
      `export function ${name}(values, limit) {`,
      '  let count = 0;',
      '  for (const value of values) {',
      `    if (value >= limit + ${c1}) {`,
      '      count = count + 1;',
      '    }',
      '  }',
      `  return count * ${c2};`,
      '}',
    ],
    inputs: (random, { c1 }) => [
      [[c1, c1 + 1, c1 - 1, 0], 0],
      ...cases(2, () => [ints(random, 5, -5, 15), randomInt(random, -3, 6)]),
    ],
  },
  {
    suffix: 'Series',
    lines: (name, { c1 }) => [
      `export function ${name}(n) {`,
      '  let a = 0;',
      '  let b = 1;',
      '  for (let i = 0; i < n; i++) {',
      `    const next = a + b + ${c1};`,
      '    a = b;',
      '    b = next;',
      '  }',
      '  return a;',
      '}',
    ],
    inputs: (random) => [[0], [1], [randomInt(random, 3, 9)]],
  },
  {
    suffix: 'Parity',
    lines: (name, { c1, c2 }) => [
      `export function ${name}(n) {`,
      '  if (n % 2 === 0) {',
      `    return 'even' + (n / 2 + ${c1});`,
      '  }',
      '  if (n < 0) {',
      "    return 'negative';",
      '  }',
      `  return 'odd' + (n - ${c2});`,
      '}',
    ],
    inputs: (random) => [[2 * randomInt(random, -4, 6)], [-3], [2 * randomInt(random, 0, 6) + 1]],
  },
  {
    suffix: 'Unique',
    lines: (name, { c1 }) => [
      `export function ${name}(values) {`,
      '  const seen = [];',
      '  for (const value of values) {',
      '    if (seen.indexOf(value) === -1) {',
      '      seen.push(value);',
      '    }',
      '  }',
      '  seen.sort((x, y) => x - y);',
      `  return seen.slice(0, ${c1} + 1);`,
      '}',
    ],
    inputs: (random) => cases(3, () => [ints(random, randomInt(random, 2, 8), 0, 6)]),
  },
  {
    suffix: 'Rotate',
    lines: (name, { c1 }) => [
      `export function ${name}(text) {`,
      "  let out = '';",
      '  for (let i = 0; i < text.length; i++) {',
      '    const code = text.charCodeAt(i);',
      '    if (code >= 97 && code <= 122) {',
      `      out = out + String.fromCharCode(((code - 97 + ${c1}) % 26) + 97);`,
      '    } else {',
      '      out = out + text[i];',
      '    }',
      '  }',
      '  return out;',
      '}',
    ],
    inputs: (random) => [...cases(2, () => [phrase(random)]), ['azAZ{`']],
  },
  {
    suffix: 'Peak',
    lines: (name, { c1 }) => [
      `export function ${name}(values) {`,
      '  let best = -1;',
      '  let bestValue = 0;',
      '  for (let i = 0; i < values.length; i++) {',
      '    if (best === -1 || values[i] > bestValue) {',
      '      best = i;',
      '      bestValue = values[i];',
      '    }',
      '  }',
      `  return best * ${c1} + bestValue;`,
      '}',
    ],
    inputs: (random) => [[[]], [[3, 3, 1]], ...cases(2, () => [ints(random, 5, -9, 9)])],
  },
  {
    suffix: 'DigitSum',
    lines: (name, { c1, c2 }) => [
      `export function ${name}(n) {`,
      "  const digits = String(Math.abs(n)).split('');",
      '  let sum = 0;',
      '  for (const digit of digits) {',
      '    sum = sum + Number(digit);',
      '  }',
      `  if (sum > ${c1 * 3}) {`,
      `    return sum - ${c2};`,
      '  }',
      '  return sum;',
      '}',
    ],
    inputs: (random) => [[0], [-randomInt(random, 10, 99)], [randomInt(random, 1000, 99999)]],
  },
];
