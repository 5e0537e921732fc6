import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFunctionTarget, redTeamToSarif, runRedTeam } from '../redteam/index.js';
import {
  type DependencyReport,
  dependenciesToSarif,
  parseNpmAudit,
  type SecretFinding,
  scanText,
  secretsToSarif,
  unavailableDependencyReport,
} from '../scan/index.js';
import { checkSarif } from './check-sarif.js';
import { type JsonSchema, unknownSchemaKeywords, validateJsonSchema } from './json-schema.js';

/**
 * The published SARIF 2.1.0 JSON schema, read in place from the dev dependency that ships it
 * (CARA_SARIF_SCHEMA points at another copy of the file).
 */
const SCHEMA_PACKAGE = '@microsoft/jest-sarif';
const SCHEMA_FILE = `${SCHEMA_PACKAGE}/lib/schemas/sarif-2.1.0-rtm.5.json`;

function schemaPath(): string | undefined {
  const override = process.env.CARA_SARIF_SCHEMA;
  if (override) return override;
  try {
    return createRequire(import.meta.url).resolve(SCHEMA_FILE);
  } catch {
    return undefined;
  }
}

const file = schemaPath();
const official = file === undefined ? undefined : (JSON.parse(readFileSync(file, 'utf8')) as JsonSchema);
const describeOfficial = official ? describe : describe.skip;
const title = official
  ? 'SARIF output against the official SARIF 2.1.0 schema'
  : `SARIF output against the official SARIF 2.1.0 schema (skipped: ${SCHEMA_PACKAGE} not installed (npm ci installs it))`;

const tool = { name: 'cara', version: '0.1.0', informationUri: 'https://www.npmjs.com/package/cara-devops' };

/** Every issue the official schema and the cross-checks find; empty when GitHub would take the log. */
function problems(schema: JsonSchema, log: unknown): string[] {
  const roundTripped: unknown = JSON.parse(JSON.stringify(log));
  return [...validateJsonSchema(schema, roundTripped), ...checkSarif(roundTripped)].map(
    (i) => `${i.path}: ${i.message}`,
  );
}

async function secretsLog(): Promise<unknown> {
  const text = [
    'region = us-east-1',
    'aws_access_key_id = AKIAZ7VQ3XMPL5TRW2NB',
    'password = "Qz8#mV2!rT6@kL9$wP4"',
    'token: ghp_0123456789abcdefABCDEF0123456789abcd',
  ].join('\n');
  const { findings } = scanText(text, { path: 'config/my settings#1.env' });
  const fromHistory: SecretFinding[] = findings.map((f) => ({
    ...f,
    path: 'old/ünïcode path.env',
    commit: '0123456789abcdef0123456789abcdef01234567',
    date: '2024-05-01T12:00:00Z',
    presentAtHead: false,
  }));
  expect(findings.length).toBeGreaterThanOrEqual(2);
  return secretsToSarif(tool, '/work/my repo', [...findings, ...fromHistory]);
}

function dependencyReport(): DependencyReport {
  const fixture = join(import.meta.dirname, '../../../test/fixtures/scan/npm-audit-report.json');
  const outcome = parseNpmAudit(JSON.parse(readFileSync(fixture, 'utf8')), 'audit.json');
  if (outcome.kind !== 'report') throw new Error('expected a report');
  return {
    status: 'ok',
    source: 'audit.json',
    vulnerabilities: outcome.vulnerabilities,
    counts: outcome.counts,
  };
}

async function redTeamLog(): Promise<unknown> {
  const gullible = createFunctionTarget((prompt, { documents }) => {
    const text = [prompt, ...documents.map((d) => d.text)].join('\n');
    const dictated = text.match(/(?:reply|answer)(?: only)? with '([^']+)'/i)?.[1];
    return { text: dictated ?? 'The trail opens in May.' };
  }, 'gullible');
  const report = await runRedTeam({
    target: gullible,
    plugins: ['direct-injection', 'indirect-html'],
    strategies: [],
    seed: 1,
  });
  expect(report.findings.length).toBeGreaterThan(0);
  return redTeamToSarif(tool, report, 'agent/config.yaml');
}

describeOfficial(title, () => {
  const schema = official as JsonSchema;

  it('is the full schema, and every keyword in it is one the validator enforces', () => {
    expect(schema.title).toMatch(/SARIF\) Version 2\.1\.0/);
    expect(Object.keys(schema.definitions ?? {})).toEqual(
      expect.arrayContaining(['run', 'result', 'tool', 'toolComponent', 'artifactLocation', 'region']),
    );
    expect(unknownSchemaKeywords(schema)).toEqual([]);
  });

  it('accepts cara scan secrets output (working tree and history findings)', async () => {
    expect(problems(schema, await secretsLog())).toEqual([]);
  });

  it('accepts cara scan deps output, with findings and when the audit was unavailable', () => {
    const log = dependenciesToSarif(
      tool,
      '/work/repo',
      dependencyReport(),
      'package-lock.json',
      (name) => name.length,
    );
    expect(log.runs[0]?.results.length).toBeGreaterThan(0);
    expect(problems(schema, log)).toEqual([]);
    const none = unavailableDependencyReport('getaddrinfo ENOTFOUND registry.npmjs.org');
    expect(problems(schema, dependenciesToSarif(tool, '/work/repo', none, 'package-lock.json'))).toEqual([]);
  });

  it('accepts cara redteam output', async () => {
    expect(problems(schema, await redTeamLog())).toEqual([]);
  });

  it('rejects what GitHub code scanning would reject (the schema is enforced, not just loaded)', async () => {
    const log = JSON.parse(JSON.stringify(await secretsLog())) as {
      runs: { results: Record<string, unknown>[]; tool: { driver: Record<string, unknown> } }[];
    };
    const run = log.runs[0];
    const result = run?.results[0];
    if (!run || !result) throw new Error('expected a result');
    result.level = 'fatal';
    result.rank = 101;
    delete result.message;
    run.tool.driver.informationUri = 'not a uri';
    run.tool.driver.rules = [{ id: 'x' }, { id: 'x', unknown: true }];
    const found = validateJsonSchema(schema, log).map((i) => `${i.path}: ${i.message}`);
    for (const expected of [
      /results\/0\/level: must be one of/,
      /results\/0\/rank: must be <= 100/,
      /results\/0: missing required property message/,
      /driver\/informationUri: must be an absolute URI/,
      /driver\/rules\/1\/unknown: property not allowed/,
    ]) {
      expect(found.some((line) => expected.test(line))).toBe(true);
    }
  });
});

describe('validateJsonSchema on the keywords the published SARIF schema adds to the subset', () => {
  it('checks maximum, uuid, const, allOf, lengths and maxItems', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        rank: { type: 'number', minimum: -1, maximum: 100 },
        guid: { type: 'string', format: 'uuid' },
        kind: { const: 'k' },
        name: { allOf: [{ type: 'string', minLength: 2 }, { maxLength: 3 }] },
        list: { type: 'array', maxItems: 1 },
      },
    };
    const ok = { rank: 100, guid: '6a3a1f0e-2b1c-4d5e-8f90-0123456789ab', kind: 'k', name: 'ab', list: [] };
    expect(validateJsonSchema(schema, ok)).toEqual([]);
    const bad = { rank: 101, guid: 'not-a-guid', kind: 'x', name: 'abcd', list: [1, 2] };
    expect(validateJsonSchema(schema, bad).map((i) => `${i.path} ${i.message}`)).toEqual([
      '/rank must be <= 100',
      '/guid must be a UUID',
      '/kind must be "k"',
      '/name must be at most 3 characters',
      '/list needs at most 1 items',
    ]);
  });

  it('compares enum and uniqueItems values whatever their key order', () => {
    const schema: JsonSchema = { type: 'array', uniqueItems: true, items: { enum: [{ a: 1, b: 2 }] } };
    expect(validateJsonSchema(schema, [{ b: 2, a: 1 }])).toEqual([]);
    expect(
      validateJsonSchema(schema, [
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ]),
    ).toEqual([{ path: '/', message: 'items must be unique' }]);
  });

  it('resolves local JSON pointers and accepts patterns only the legacy RegExp syntax reads', () => {
    const schema: JsonSchema = {
      definitions: { 'a/b': { type: 'string', pattern: '^[a-z]{2}|^[a-z]{2}-[a-z]{2}]?$' } },
      properties: { lang: { $ref: '#/definitions/a~1b' }, self: { $ref: '#' }, nowhere: { $ref: '#/x' } },
    };
    expect(validateJsonSchema(schema, { lang: 'en', self: { lang: 'fr' } })).toEqual([]);
    expect(validateJsonSchema(schema, { lang: 'E', nowhere: 1 }).map((i) => i.message)).toEqual([
      'must match ^[a-z]{2}|^[a-z]{2}-[a-z]{2}]?$',
      'unresolvable $ref #/x',
    ]);
  });

  it('names the keywords it would not enforce', () => {
    expect(
      unknownSchemaKeywords({
        type: 'object',
        description: 'annotations are fine',
        properties: { a: { items: { not: {} } } },
        definitions: { d: { anyOf: [{ if: {} }] } },
      }),
    ).toEqual(['/properties/a/items/not', '/definitions/d/anyOf/0/if']);
  });
});
