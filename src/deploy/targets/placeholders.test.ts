import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaraError } from '../../core/errors.js';
import { getTarget, localTarget, targetNames } from './index.js';
import { expandPlaceholders, readEnvFile } from './placeholders.js';
import { freePort } from './ports.js';
import { useTargetFixture } from './testing/fixture.js';

const fixture = useTargetFixture();
const values = {
  port: 41234,
  instanceDir: '/s/instances/v1-0',
  version: 'v1',
  index: 0,
  service: 'api',
  checkoutDir: '/repo',
};

describe('expandPlaceholders', () => {
  it('replaces every known placeholder, repeatedly, and leaves other braces alone', () => {
    expect(
      expandPlaceholders(
        '{service}:{version}#{index} on {port} {port} in {instanceDir} from {checkoutDir}',
        values,
      ),
    ).toBe('api:v1#0 on 41234 41234 in /s/instances/v1-0 from /repo');
    expect(expandPlaceholders('{"port": {unknown}} {Port}', values)).toBe('{"port": {unknown}} {Port}');
  });
});

describe('readEnvFile', () => {
  it('reads KEY=VALUE lines with comments, export prefixes and quotes', () => {
    const file = join(fixture.tempDir(), 'deploy.env');
    writeFileSync(
      file,
      '# comment\n\nA=1\nexport B = two words\r\nC="quoted # not a comment"\nD=\'x\'\nE=\nF="unbalanced\n',
    );
    expect(readEnvFile(file)).toEqual({
      A: '1',
      B: 'two words',
      C: 'quoted # not a comment',
      D: 'x',
      E: '',
      F: '"unbalanced',
    });
  });

  it('returns undefined for a missing file and names the line of a bad one', () => {
    const dir = fixture.tempDir();
    expect(readEnvFile(join(dir, 'absent.env'))).toBeUndefined();
    const file = join(dir, 'bad.env');
    writeFileSync(file, 'A=1\nnot a pair\n');
    expect(() => readEnvFile(file)).toThrow(`${file}:2`);
    expect(() => readEnvFile(file)).toThrow(CaraError);
  });
});

describe('target registry and ports', () => {
  it('finds the local target and lists the known ones for an unknown name', () => {
    expect(getTarget('local')).toBe(localTarget);
    expect(targetNames()).toEqual(['local']);
    let error: unknown;
    try {
      getTarget('kubernetes');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CaraError);
    expect((error as CaraError).code).toBe('DEPLOY_CONFIG_INVALID');
    expect((error as CaraError).message).toContain('kubernetes');
    expect((error as CaraError).hint).toContain('local');
    expect(() => getTarget('toString')).toThrow(CaraError);
  });

  it('freePort returns a bindable port', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65_536);
  });
});
