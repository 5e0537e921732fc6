import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes, line breaks inside quotes, CRLF and a byte-order mark', () => {
    const text = '\ufeffa,b\r\n"x, y","say ""hi"""\n"two\nlines",z';
    expect(parseCsv(text)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', 'z'],
    ]);
  });

  it('refuses text that ends inside a quoted field', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/inside a quoted field/);
  });
});
