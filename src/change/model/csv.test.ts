import { describe, expect, it } from 'vitest';
import { loadJitCsv } from './csv.js';

const HEADER = ',_id,date,bug,__,ns,nd,nf,entrophy,la,ld,lt,fix,ndev,age,nuc,exp,rexp,sexp';
const ROW = '0,286bfd8,1451580138,1,1,1,1,1,0.5,1,0,293,0,8,52.87,14,880,407.5,49';

describe('loadJitCsv', () => {
  it('reads the public layout, entrophy as entropy, and ignores the label-copy column', () => {
    const [sample, ...rest] = loadJitCsv(`${HEADER}\n${ROW}\n`);
    expect(rest).toEqual([]);
    expect(sample).toEqual({
      id: '286bfd8',
      time: 1451580138,
      label: 1,
      features: {
        ns: 1,
        nd: 1,
        nf: 1,
        entropy: 0.5,
        la: 1,
        ld: 0,
        lt: 293,
        fix: 0,
        ndev: 8,
        age: 52.87,
        nuc: 14,
        exp: 880,
        rexp: 407.5,
        sexp: 49,
      },
    });
    expect(Object.keys(sample?.features ?? {})).not.toContain('__');
  });

  it('goes by the header, not by column order', () => {
    const names = HEADER.split(',');
    const cells = ROW.split(',');
    const order = names.map((_, i) => i).reverse();
    const text = `${order.map((i) => names[i]).join(',')}\r\n${order.map((i) => cells[i]).join(',')}\r\n`;
    expect(loadJitCsv(text)).toEqual(loadJitCsv(`${HEADER}\n${ROW}`));
  });

  it('names the line and field of a bad value, and the missing columns', () => {
    expect(() => loadJitCsv(`${HEADER}\n${ROW}\n${ROW.replace('293', 'n/a')}`)).toThrow(
      /line 3: "lt" is "n\/a", not a number/,
    );
    expect(() => loadJitCsv(`${HEADER}\n${ROW.replace(',1451580138,1,', ',1451580138,2,')}`)).toThrow(
      /line 2: "bug" must be 0 or 1/,
    );
    expect(() => loadJitCsv('date,bug,la\n1,0,3')).toThrow(/lacks "ns", "nd"/);
  });
});
