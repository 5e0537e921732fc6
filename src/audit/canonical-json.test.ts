import { describe, expect, it } from 'vitest';
import { canonicalJson, MAX_DEPTH } from './canonical-json.js';

const fromIeee = (hex: string): number => Buffer.from(hex, 'hex').readDoubleBE(0);

describe('canonicalJson numbers', () => {
  it('serialises the RFC 8785 appendix B table', () => {
    const table: [string, string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    for (const [hex, expected] of table) expect(canonicalJson(fromIeee(hex)), hex).toBe(expected);
  });

  it('writes literals in shortest ECMAScript form', () => {
    expect(canonicalJson(1e30)).toBe('1e+30');
    expect(canonicalJson(4.5)).toBe('4.5');
    expect(canonicalJson(0.000001)).toBe('0.000001');
    expect(canonicalJson(1e-7)).toBe('1e-7');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(333333333.3333333)).toBe('333333333.3333333');
    expect(canonicalJson(9007199254740991)).toBe('9007199254740991');
    expect(canonicalJson(100)).toBe('100');
  });
});

describe('canonicalJson structure', () => {
  it('reproduces the RFC 8785 section 3.2.2 example', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units as in the RFC 8785 section 3.2.3 example', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const output = canonicalJson(input);
    // JSON.parse would reorder the integer-like key "1" first, so the order is checked on the text itself.
    expect(output).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('sorts nested objects, keeps array order and drops whitespace', () => {
    const value = { b: [3, { z: 1, a: [true, null] }, 'x'], a: { d: {}, c: [] } };
    expect(canonicalJson(value)).toBe('{"a":{"c":[],"d":{}},"b":[3,{"a":[true,null],"z":1},"x"]}');
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('escapes strings exactly as RFC 8785 requires', () => {
    expect(canonicalJson('\u0000\u0001\u001f\b\t\n\f\r"\\/')).toBe(
      '"\\u0000\\u0001\\u001f\\b\\t\\n\\f\\r\\"\\\\/"',
    );
    expect(canonicalJson('\u007f\u2028\u2029é😀')).toBe('"\u007f\u2028\u2029é😀"');
  });

  it('omits undefined properties, serialises Dates and accepts null-prototype objects', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.k = 1;
    const value = { when: new Date('2024-06-01T12:00:00Z'), gone: undefined, bare };
    expect(canonicalJson(value)).toBe('{"bare":{"k":1},"when":"2024-06-01T12:00:00.000Z"}');
  });

  it(`accepts ${MAX_DEPTH} levels of nesting`, () => {
    let value: unknown = 1;
    for (let i = 0; i < MAX_DEPTH; i++) value = [value];
    expect(canonicalJson(value)).toBe(`${'['.repeat(MAX_DEPTH)}1${']'.repeat(MAX_DEPTH)}`);
  });
});

describe('canonicalJson errors name the JSON path', () => {
  const holey: unknown[] = [1];
  holey[2] = 3;
  const cases: [string, unknown, string][] = [
    ['NaN', { details: { count: Number.NaN } }, '$.details.count'],
    ['Infinity', { details: { count: Number.POSITIVE_INFINITY } }, '$.details.count'],
    ['-Infinity', [Number.NEGATIVE_INFINITY], '$[0]'],
    ['undefined in an array', { items: [1, undefined] }, '$.items[1]'],
    ['a hole in an array', { items: holey }, '$.items[1]'],
    ['undefined at the top', undefined, '$'],
    ['a function', { run: () => 1 }, '$.run'],
    ['a symbol', { s: Symbol('s') }, '$.s'],
    ['a bigint', { n: 10n }, '$.n'],
    ['a lone high surrogate', { text: 'a\ud800b' }, '$.text'],
    ['a lone low surrogate', ['\udc00'], '$[0]'],
    ['a lone surrogate in a key', { '\ud800': 1 }, '$["\\ud800"]'],
    ['a Map', { m: new Map() }, '$.m'],
    ['a Set', { 'odd key': { s: new Set() } }, '$["odd key"].s'],
    ['a class instance', { x: new (class Point {})() }, '$.x'],
    ['a Buffer', { b: Buffer.from('x') }, '$.b'],
    ['a RegExp', [/x/], '$[0]'],
    ['an invalid Date', { at: new Date('nope') }, '$.at'],
    ['a boxed string', { s: new String('x') }, '$.s'],
  ];

  for (const [name, value, path] of cases) {
    it(`rejects ${name} at ${path}`, () => {
      expect(() => canonicalJson(value)).toThrow(TypeError);
      expect(() => canonicalJson(value)).toThrow(`${path}:`);
    });
  }

  it('rejects circular references', () => {
    const loop: Record<string, unknown> = { a: {} };
    (loop.a as Record<string, unknown>).back = loop;
    expect(() => canonicalJson(loop)).toThrow(new TypeError('$.a.back: circular reference'));
  });

  it('shares but does not confuse repeated (non-circular) references', () => {
    const shared = { v: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"v":1},"b":[{"v":1}]}');
  });

  it(`rejects nesting deeper than ${MAX_DEPTH} levels`, () => {
    let value: unknown = 1;
    for (let i = 0; i <= MAX_DEPTH; i++) value = { k: value };
    expect(() => canonicalJson(value)).toThrow(RangeError);
    expect(() => canonicalJson(value)).toThrow(`nesting is deeper than ${MAX_DEPTH} levels`);
  });
});
