import { describe, expect, it } from 'vitest';
import { TemplateMiner } from './miner.js';

const mine = (lines: readonly string[]) => {
  const miner = new TemplateMiner();
  const results = lines.map((line) => miner.add(line));
  return { miner, results };
};

describe('TemplateMiner', () => {
  it('groups lines that differ only in variables and puts <*> where they differ', () => {
    const { miner, results } = mine([
      'Connection from 10.0.0.1 closed after 12ms',
      'Connection from 10.0.0.7 closed after 340ms',
      'Connection from 192.168.1.20 closed after 5s',
    ]);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(miner.templates()).toEqual([
      { id: results[0]?.id, template: 'Connection from <*> closed after <*>', count: 3 },
    ]);
  });

  it('marks the first line of a template as new and the next ones not', () => {
    const { results } = mine(['Worker 1 started', 'Worker 2 started']);
    expect(results.map((r) => r.isNew)).toEqual([true, false]);
  });

  it('generalises a word-free value to <*> and keeps the id', () => {
    const { miner, results } = mine([
      'Loading user=alice.smith from cache',
      'Loading user=bob.jones from cache',
    ]);
    expect(results[1]?.id).toBe(results[0]?.id);
    expect(results[1]?.template).toBe('Loading user=<*> from cache');
    expect(miner.get(results[0]?.id as string)?.template).toBe('Loading user=<*> from cache');
  });

  it('keeps lines that differ in a word apart', () => {
    const { results } = mine(['VM Started (Lifecycle Event)', 'VM Paused (Lifecycle Event)']);
    expect(results[0]?.id).not.toBe(results[1]?.id);
    expect(results.map((r) => r.template)).toEqual([
      'VM Started (Lifecycle Event)',
      'VM Paused (Lifecycle Event)',
    ]);
  });

  it('keeps lines of different lengths apart', () => {
    const { results } = mine(['Copied 3 files', 'Copied 3 files in 2 dirs']);
    expect(results[0]?.id).not.toBe(results[1]?.id);
  });

  it('keeps key=value tokens with different keys apart', () => {
    const { results } = mine([
      'getRecentTasks: num=5,flags=0x1',
      'getRecentTasks: topActivity=ComponentInfo{a.b/c}',
    ]);
    expect(results[0]?.id).not.toBe(results[1]?.id);
  });

  it('puts <*> at the right positions when values sit in different places', () => {
    const { results } = mine(['job build-1 failed on runner-17', 'job build-2 failed on runner-3']);
    expect(results[1]?.template).toBe('job build-<*> failed on runner-<*>');
  });

  it('folds a template into one that comes to cover it and keeps the old id as an alias', () => {
    const { miner, results } = mine([
      'go a=p b=q c=r end',
      'go a=t b=u c=v end', // too different from the first: a template of its own
      'go a=p b=q c=v end',
      'go a=p b=u c=v end',
      'go a=x b=u c=v end', // the first template now covers the second
    ]);
    const [first, second] = results;
    expect(second?.id).not.toBe(first?.id);
    expect(results[4]).toMatchObject({ id: first?.id, template: 'go a=<*> b=<*> c=<*> end' });
    expect(miner.templates()).toEqual([{ id: first?.id, template: 'go a=<*> b=<*> c=<*> end', count: 5 }]);
    expect(miner.get(second?.id as string)?.id).toBe(first?.id);
  });

  it('makes a word a variable once five templates differ in that word only', () => {
    const jobs = ['lint', 'build', 'test', 'deploy', 'package'];
    const { miner, results } = mine(jobs.map((job) => `Job ${job} finished after retrying twice`));
    expect(new Set(results.slice(0, 4).map((r) => r.id)).size).toBe(4);
    expect(results[4]).toMatchObject({
      id: results[0]?.id,
      template: 'Job <*> finished after retrying twice',
    });
    expect(miner.templates()).toHaveLength(1);
    expect(miner.add('Job docs finished after retrying twice')).toMatchObject({
      id: results[0]?.id,
      isNew: false,
    });
  });

  it('does not turn words into variables in short lines', () => {
    const { miner } = mine(['Started', 'Stopped', 'Paused', 'Resumed', 'Killed', 'Failed']);
    expect(miner.templates()).toHaveLength(6);
  });

  it('matches without learning', () => {
    const { miner, results } = mine(['Disk /dev/sda1 is 91% full', 'Disk /dev/sdb2 is 97% full']);
    const before = miner.toJSON();
    expect(miner.match('Disk /dev/nvme0n1 is 99% full')?.id).toBe(results[0]?.id);
    expect(miner.match('Something else entirely')).toBeUndefined();
    expect(miner.toJSON()).toEqual(before);
  });

  it('gives the same template to a line seen again', () => {
    const { miner, results } = mine(['cache hit ratio 0.93', 'cache hit ratio 0.95', 'cache hit ratio 0.93']);
    expect(results[2]).toEqual({ id: results[0]?.id, template: 'cache hit ratio <*>', isNew: false });
    expect(miner.templates()[0]?.count).toBe(3);
  });

  it('mines very long lines in bounded tokens', () => {
    const line = (n: number) =>
      `payload ${Array.from({ length: 1000 }, (_, i) => `k${i}=${i * n}`).join(' ')}`;
    const { results } = mine([line(1), line(2)]);
    expect(results[1]?.id).toBe(results[0]?.id);
    expect(results[1]?.template.split(' ')).toHaveLength(256);
  });

  it('treats ANSI colour codes as text: the caller strips them', () => {
    const { results } = mine(['\u001b[31mERROR\u001b[0m build 12 failed', 'ERROR build 13 failed']);
    expect(results[0]?.id).not.toBe(results[1]?.id);
  });
});
