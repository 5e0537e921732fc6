import { describe, expect, it } from 'vitest';
import { projectRoot, runCara } from '../support/cli.js';

const commands = [
  ['init'],
  ['config', 'validate'],
  ['config', 'show'],
  ['config', 'schema'],
  ['audit', 'record'],
  ['audit', 'log'],
  ['audit', 'verify'],
  ['audit', 'prove'],
  ['audit', 'consistency'],
  ['audit', 'checkpoint'],
  ['audit', 'key'],
  ['audit', 'types'],
  ['risk', 'train'],
  ['risk', 'score'],
  ['risk', 'explain'],
  ['risk', 'labels'],
  ['graph', 'dependents'],
  ['graph', 'stats'],
  ['test', 'run'],
  ['test', 'select'],
  ['test', 'flaky'],
  ['test', 'impact'],
  ['test', 'shard'],
];

describe('cara --help', () => {
  it('lists the command groups', async () => {
    const result = await runCara(['--help'], { cwd: projectRoot });
    expect(result.code).toBe(0);
    for (const group of ['init', 'config', 'audit', 'risk', 'graph', 'test'])
      expect(result.stdout).toMatch(new RegExp(`^  ${group}\\b`, 'm'));
  });

  it.each(commands)('cara %s %s --help shows an example', async (...args) => {
    const result = await runCara([...args.filter(Boolean), '--help'], { cwd: projectRoot });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain(`$ cara ${args.filter(Boolean).join(' ')}`);
  });

  it('prints the version', async () => {
    const result = await runCara(['--version'], { cwd: projectRoot });
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
