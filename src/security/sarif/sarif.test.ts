import { describe, expect, it } from 'vitest';
import { checkSarif } from './check-sarif.js';
import { validateJsonSchema } from './json-schema.js';
import { relativeUri, toSarif } from './to-sarif.js';

const tool = { name: 'cara', version: '0.1.0', informationUri: 'https://www.npmjs.com/package/cara-devops' };
const rules = [
  {
    id: 'aws-access-key-id',
    name: 'AwsAccessKeyId',
    shortDescription: 'AWS access key ID',
    help: 'Rotate it.',
    level: 'error' as const,
    securitySeverity: 8,
    tags: ['secret'],
  },
];
const results = [
  {
    ruleId: 'aws-access-key-id',
    level: 'error' as const,
    message: 'AWS access key ID found: key = AKIA****',
    path: 'config/my settings.env',
    line: 3,
    column: 7,
    partialFingerprints: { 'secretFingerprint/v1': '0123456789abcdef0123456789abcdef' },
  },
];

describe('toSarif', () => {
  const log = toSarif(tool, rules, results, { srcRoot: '/work/repo' });

  it('writes a SARIF 2.1.0 log that passes the schema subset and the cross-checks', () => {
    expect(checkSarif(log)).toEqual([]);
    expect(log).toMatchObject({
      version: '2.1.0',
      $schema: expect.stringMatching(/sarif-schema-2\.1\.0\.json$/),
    });
    const run = log.runs[0];
    expect(run?.tool.driver).toMatchObject({ name: 'cara', version: '0.1.0', semanticVersion: '0.1.0' });
    expect(run?.tool.driver.rules[0]?.properties).toEqual({
      'security-severity': '8.0',
      tags: ['security', 'secret'],
    });
    expect(run?.originalUriBaseIds?.SRCROOT?.uri).toBe('file:///work/repo/');
    expect(run?.results[0]?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'config/my%20settings.env', uriBaseId: 'SRCROOT' },
      region: { startLine: 3, startColumn: 7 },
    });
  });

  it('refuses a result whose rule is not listed', () => {
    expect(() => toSarif(tool, [], results)).toThrow(/unknown rule aws-access-key-id/);
  });

  it('makes relative URIs from paths', () => {
    expect(relativeUri('./a b/c#d.ts')).toBe('a%20b/c%23d.ts');
    expect(relativeUri('C:x/y')).toBe('C%3Ax/y');
  });
});

describe('checkSarif catches what the SARIF schema forbids', () => {
  const valid = (): unknown => JSON.parse(JSON.stringify(toSarif(tool, rules, results, { srcRoot: '/r' })));

  type Obj = Record<string, unknown>;
  const at = (value: unknown, path: string): Obj =>
    (path === '' ? value : path.split('.').reduce<unknown>((v, k) => (v as Obj)[k], value)) as Obj;
  const result = 'runs.0.results.0';
  const physical = `${result}.locations.0.physicalLocation`;
  it.each([
    ['a wrong version', '', 'version', '2.0.0', '/version'],
    ['a level outside the enum', result, 'level', 'fatal', '/runs/0/results/0/level'],
    ['a result without a message', result, 'message', undefined, '/runs/0/results/0'],
    ['a start line of 0', `${physical}.region`, 'startLine', 0, 'region/startLine'],
    ['an unknown property', result, 'severity', 'high', '/runs/0/results/0/severity'],
    ['a tool without a name', 'runs.0.tool.driver', 'name', undefined, '/runs/0/tool/driver'],
    ['an absolute uri against SRCROOT', `${physical}.artifactLocation`, 'uri', '/etc/passwd', '/locations/0'],
    ['a ruleIndex pointing elsewhere', result, 'ruleIndex', 4, 'ruleIndex'],
    [
      'an informationUri that is not absolute',
      'runs.0.tool.driver',
      'informationUri',
      'cara docs',
      'informationUri',
    ],
  ])('%s', (_name, path, key, value, where) => {
    const log: unknown = valid();
    const target = at(log, path);
    if (value === undefined) delete target[key];
    else target[key] = value;
    const issues = checkSarif(log);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.map((i) => i.path).join(' ')).toContain(where);
  });
});

describe('validateJsonSchema', () => {
  it('handles $ref, oneOf, anyOf, pattern, minItems and uniqueItems', () => {
    const schema = {
      definitions: { id: { type: 'string', pattern: '^[a-z]+$' } },
      type: 'object',
      properties: {
        ids: { type: 'array', minItems: 1, uniqueItems: true, items: { $ref: '#/definitions/id' } },
        v: { oneOf: [{ type: 'integer' }, { type: 'number', minimum: 10 }] },
      },
      anyOf: [{ required: ['ids'] }, { required: ['v'] }],
    };
    expect(validateJsonSchema(schema, { ids: ['a', 'b'], v: 3 })).toEqual([]);
    expect(validateJsonSchema(schema, { ids: ['a', 'a', 'B'] }).map((i) => i.message)).toEqual([
      'items must be unique',
      'must match ^[a-z]+$',
    ]);
    expect(validateJsonSchema(schema, { v: 12 })).toEqual([
      { path: '/v', message: 'must match exactly one of oneOf' },
    ]);
    expect(validateJsonSchema(schema, {})).toEqual([{ path: '/', message: 'matches none of anyOf' }]);
  });
});
