import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNpmAudit } from './parse-npm-audit.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../../test/fixtures/scan', name), 'utf8'));

describe('parseNpmAudit', () => {
  it('reads an npm 7+ report: severities, advisories, transitive via, fixes', () => {
    const outcome = parseNpmAudit(fixture('npm-audit-report.json'), 'audit.json');
    if (outcome.kind !== 'report') throw new Error('expected a report');
    expect(outcome.counts).toEqual({ critical: 2, high: 1, medium: 0, low: 1 });
    expect(outcome.dependencies).toBe(4);
    expect(outcome.vulnerabilities.map((v) => v.name)).toEqual(['minimist', 'mkdirp', 'semver', 'debug']);
    const [minimist, mkdirp, semver, debug] = outcome.vulnerabilities;
    expect(minimist?.advisories.map((a) => [a.id, a.severity, a.cvssScore])).toEqual([
      ['GHSA-xvch-5gv4-984h', 'critical', 9.8],
      ['GHSA-vh95-rmgr-6w4m', 'medium', 5.6],
    ]);
    expect(mkdirp).toMatchObject({ isDirect: true, advisories: [], via: ['minimist'] });
    expect(mkdirp?.fixAvailable).toEqual({ name: 'mkdirp', version: '3.0.1', isSemVerMajor: true });
    expect(semver?.fixAvailable).toBe(true);
    expect(debug).toMatchObject({ severity: 'low', fixAvailable: false, range: '3.2.0 - 3.2.6' });
  });

  it('turns npm error output into an error outcome with the code and message', () => {
    expect(parseNpmAudit(fixture('npm-audit-enotfound.json'), 'x')).toMatchObject({
      kind: 'error',
      code: 'ENOTFOUND',
      message: expect.stringContaining('getaddrinfo ENOTFOUND'),
    });
    expect(parseNpmAudit(fixture('npm-audit-http-error.json'), 'x')).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('ECONNREFUSED'),
    });
    expect(parseNpmAudit(fixture('npm-audit-enolock.json'), 'x')).toMatchObject({
      kind: 'error',
      code: 'ENOLOCK',
    });
  });

  it('rejects what is not a report, naming the source and the field', () => {
    expect(() => parseNpmAudit([], 'a.json')).toThrow(/a\.json: not an npm audit report/);
    expect(() => parseNpmAudit({ advisories: {} }, 'a.json')).toThrow(/npm 6 format/);
    expect(() => parseNpmAudit({ vulnerabilities: { x: { name: 'x' } } }, 'a.json')).toThrow(
      /vulnerabilities\.x\.severity is missing/,
    );
  });
});
