import { describe, expect, it } from 'vitest';
import { pathPolicy } from './path-policy.js';
import { redact } from './redact.js';
import { scanText } from './scan-text.js';

const j = (...parts: string[]) => parts.join('');
const awsId = j('AKIA', 'Z7Q2HXWJ4MRT6PLK');
const awsSecret = j('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYz9Xq3Lm2Tb');
const password = j('Tr0ub4dor', '&3x');

describe('scanText', () => {
  it('reports rule, line, column, severity and a stable fingerprint', () => {
    const text = `# config\nexport AWS_ACCESS_KEY_ID=${awsId}\n`;
    const { findings } = scanText(text, { path: 'deploy/env.sh' });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'aws-access-key-id',
      severity: 'high',
      path: 'deploy/env.sh',
      line: 2,
      column: 26,
    });
    expect(findings[0]?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(scanText(`x ${awsId}`, { path: 'b' }).findings[0]?.fingerprint).toBe(findings[0]?.fingerprint);
  });

  it('never puts a secret in its output, even with two secrets on one line', () => {
    const text = j(
      `aws_access_key_id=${awsId} aws_secret_access_key="${awsSecret}" `,
      `db_password="${password}"`,
    );
    const { findings } = scanText(text, { path: 'a.env' });
    expect(findings.map((f) => f.ruleId).sort()).toEqual([
      'aws-access-key-id',
      'aws-secret-access-key',
      'generic-secret-assignment',
    ]);
    const output = JSON.stringify(findings);
    for (const secret of [awsId, awsSecret, password]) expect(output).not.toContain(secret);
    expect(findings[0]?.preview).toContain('AKIA****');
  });

  it('redacts to a short head and asterisks', () => {
    expect(redact(awsSecret)).toBe('wJal************');
    expect(redact('hunter2')).toBe('*******');
    expect(redact('abcdefghijk')).toBe('ab*********');
  });

  it('counts lines from lineOffset (history blocks start mid-file)', () => {
    const { findings } = scanText(`\n${awsId}`, { path: 'a', lineOffset: 40 });
    expect(findings[0]?.line).toBe(42);
  });

  it('runs only provider and structural rules on lockfiles and test fixtures', () => {
    expect(pathPolicy('package-lock.json')).toBe('specific');
    expect(pathPolicy('test/fixtures/a.json')).toBe('specific');
    expect(pathPolicy('src/a.test.ts')).toBe('specific');
    expect(pathPolicy('src/app.ts')).toBe('all');
    const text = j(`password = "${password}"\nurl = "https://u:`, 'pAss9w0rd', '@registry.example.com/x"');
    expect(scanText(text, { path: 'src/app.ts' }).findings).toHaveLength(2);
    const specific = scanText(text, { path: 'test/fixtures/app.ts', policy: 'specific' }).findings;
    expect(specific.map((f) => f.ruleId)).toEqual(['password-in-url']);
  });

  it('cuts long lines around the secret', () => {
    const text = `${'x'.repeat(400)} key=${awsId} ${'y'.repeat(400)}`;
    const [finding] = scanText(text, { path: 'bundle.js' }).findings;
    expect(finding?.preview.length).toBeLessThanOrEqual(162);
    expect(finding?.preview).toContain('AKIA****');
  });
});
