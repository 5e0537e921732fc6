import { describe, expect, it } from 'vitest';
import { CaraError } from '../../core/errors.js';
import { TemplateMiner } from './miner.js';

const lines = [
  'Accepted password for alice from 10.0.0.1 port 22',
  'Accepted password for alice from 10.0.0.2 port 2222',
  'Session 77 closed',
  'Session 78 closed',
];

describe('TemplateMiner state', () => {
  it('round-trips through JSON with the same ids, templates and counts', () => {
    const miner = new TemplateMiner();
    const ids = lines.map((line) => miner.add(line).id);
    const restored = TemplateMiner.fromJSON(JSON.parse(JSON.stringify(miner.toJSON())));
    expect(restored.templates()).toEqual(miner.templates());
    for (const id of ids) expect(restored.get(id)).toEqual(miner.get(id));
  });

  it('round-trips the template of blank lines', () => {
    const miner = new TemplateMiner();
    const blank = miner.add('   ');
    expect(blank.template).toBe('');
    const restored = TemplateMiner.fromJSON(JSON.parse(JSON.stringify(miner.toJSON())));
    expect(restored.add('')).toMatchObject({ id: blank.id, isNew: false });
  });

  it('keeps learning after a restore: old lines match old ids, new ones get fresh ids', () => {
    const miner = new TemplateMiner();
    const first = miner.add(lines[0] as string);
    const restored = TemplateMiner.fromJSON(miner.toJSON());
    const again = restored.add('Accepted password for alice from 10.9.9.9 port 22');
    expect(again).toMatchObject({ id: first.id, isNew: false });
    const fresh = restored.add('Disconnected by peer');
    expect(fresh.isNew).toBe(true);
    expect(fresh.id).not.toBe(first.id);
  });

  it('keeps aliases of folded templates across a restore', () => {
    const miner = new TemplateMiner();
    const lines = ['go a=p b=q c=r end', 'go a=t b=u c=v end', 'go a=p b=q c=v end', 'go a=p b=u c=v end'];
    const ids = lines.map((line) => miner.add(line).id);
    miner.add('go a=x b=u c=v end');
    const restored = TemplateMiner.fromJSON(miner.toJSON());
    expect(restored.templates()).toHaveLength(1);
    expect(restored.get(ids[1] as string)).toEqual({
      id: ids[0],
      template: 'go a=<*> b=<*> c=<*> end',
      count: 5,
    });
  });

  it.each([
    ['not an object', 'nope', /state is not an object/],
    ['another version', { version: 9, nextId: 1, clusters: [], aliases: {} }, /version is 9/],
    ['a bad nextId', { version: 1, nextId: 0, clusters: [], aliases: {} }, /nextId/],
    ['clusters not a list', { version: 1, nextId: 1, clusters: {}, aliases: {} }, /clusters is not an array/],
    [
      'an empty token',
      { version: 1, nextId: 2, clusters: [{ id: 't1', tokens: ['a', ''], count: 1 }], aliases: {} },
      /clusters\[0\]\.tokens/,
    ],
    [
      'a repeated id',
      {
        version: 1,
        nextId: 3,
        clusters: [
          { id: 't1', tokens: ['a'], count: 1 },
          { id: 't1', tokens: ['b'], count: 1 },
        ],
        aliases: {},
      },
      /repeats "t1"/,
    ],
    [
      'a negative count',
      { version: 1, nextId: 2, clusters: [{ id: 't1', tokens: ['a'], count: -1 }], aliases: {} },
      /count/,
    ],
    [
      'an alias to nowhere',
      { version: 1, nextId: 2, clusters: [{ id: 't1', tokens: ['a'], count: 1 }], aliases: { t0: 't9' } },
      /aliases\.t0/,
    ],
  ])('rejects %s with DATA_INVALID', (_case, state, message) => {
    let error: unknown;
    try {
      TemplateMiner.fromJSON(state);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CaraError);
    expect((error as CaraError).code).toBe('DATA_INVALID');
    expect((error as CaraError).message).toMatch(message);
  });
});
