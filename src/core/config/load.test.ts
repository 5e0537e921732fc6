import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isCaraError } from '../errors.js';
import { assertValidConfig, type ConfigIssue, formatConfigIssue, loadConfig, parseConfig } from './load.js';

const FILE = 'cara.config.yaml';
const parse = (text: string, env: NodeJS.ProcessEnv = {}) => parseConfig(text, FILE, { env });

/** The only error of a result (fails when there is not exactly one). */
function onlyError(text: string, env: NodeJS.ProcessEnv = {}): ConfigIssue {
  const result = parse(text, env);
  expect(result.errors).toHaveLength(1);
  expect(result.config).toBeUndefined();
  return result.errors[0] as ConfigIssue;
}

describe('parseConfig defaults', () => {
  const complete = {
    version: 1,
    project: {},
    store: { path: '.cara/cara.db' },
    audit: { environment: 'development', signingKey: '.cara/signing-key.pem' },
    risk: { bands: { medium: 0.3, high: 0.6 } },
    test: { widenAfterFailure: 'closure', impactRefreshPerRun: 10 },
    llm: { provider: 'none' },
    notifications: {},
    deploy: { services: {}, approvers: [], allowSelfApproval: false },
    redteam: { targets: {} },
    retention: { auditMinimumDays: 90, policies: [], legalHolds: [], archiveDir: '.cara/archive' },
  };

  it.each([
    ['an empty file', ''],
    ['a comment-only file', '# nothing yet\n'],
    ['an empty mapping', '{}\n'],
  ])('fills every default for %s', (_name, text) => {
    expect(parse(text)).toEqual({ config: complete, warnings: [], errors: [] });
  });

  it('keeps the values written and defaults the rest', () => {
    const result = parse('audit:\n  environment: production\nrisk:\n  bands:\n    high: 0.8\n');
    expect(result.errors).toEqual([]);
    expect(result.config?.audit).toEqual({ environment: 'production', signingKey: '.cara/signing-key.pem' });
    expect(result.config?.risk.bands).toEqual({ medium: 0.3, high: 0.8 });
  });
});

describe('parseConfig schema errors', () => {
  it('points an unknown key at its line and suggests the nearest key of that mapping', () => {
    const issue = onlyError('version: 1\nproject:\n  name: demo\naudit:\n  signingKy: key.pem\n');
    expect(issue).toEqual({
      file: FILE,
      line: 5,
      column: 3,
      path: 'audit.signingKy',
      message: 'unknown key',
      hint: 'did you mean `signingKey`?',
    });
    expect(formatConfigIssue(issue)).toBe(
      'cara.config.yaml:5:3 audit.signingKy: unknown key (did you mean `signingKey`?)',
    );
  });

  it('reports the misspelled key on line 4 when it is written there', () => {
    const issue = onlyError('project:\n  name: demo\naudit:\n  signingKy: key.pem\n');
    expect([issue.line, issue.column, issue.hint]).toEqual([4, 3, 'did you mean `signingKey`?']);
  });

  it('lists the valid keys when no key is close', () => {
    const issue = onlyError('store:\n  somethingElse: 1\n');
    expect(issue).toMatchObject({
      line: 2,
      column: 3,
      path: 'store.somethingElse',
      hint: 'valid keys: `path`, `url`',
    });
  });

  it('reports an unknown top-level key against the top-level keys', () => {
    const issue = onlyError('version: 1\nrsk:\n  bands: {}\n');
    expect(issue).toMatchObject({ line: 2, column: 1, path: 'rsk', hint: 'did you mean `risk`?' });
  });

  it('says which type was expected and what was written', () => {
    const issue = onlyError('risk:\n  bands:\n    high: "x"\n');
    expect(issue).toEqual({
      file: FILE,
      line: 3,
      column: 11,
      path: 'risk.bands.high',
      message: 'expected number, got string "x"',
      hint: undefined,
    });
  });

  it('rejects medium >= high on the risk.bands.high path', () => {
    const issue = onlyError('risk:\n  bands:\n    medium: 0.7\n    high: 0.7\n');
    expect(issue).toMatchObject({
      line: 4,
      column: 11,
      path: 'risk.bands.high',
      message: 'must be greater than risk.bands.medium',
    });
  });

  it('points a problem with a defaulted field at the mapping that lacks it', () => {
    const issue = onlyError('risk:\n  bands:\n    medium: 0.9\n');
    expect(issue).toMatchObject({ line: 2, column: 3, path: 'risk.bands.high' });
  });

  it('reports bands outside (0, 1)', () => {
    const result = parse('risk:\n  bands:\n    medium: 0\n    high: 1.5\n');
    expect(result.errors.map(({ line, path, message }) => ({ line, path, message }))).toEqual([
      { line: 3, path: 'risk.bands.medium', message: 'must be greater than 0, got number 0' },
      { line: 4, path: 'risk.bands.high', message: 'must be less than 1, got number 1.5' },
    ]);
  });

  it('lists the allowed values of an enum and suggests the nearest', () => {
    const issue = onlyError('llm:\n  provider: opnai\n');
    expect(issue).toMatchObject({
      line: 2,
      column: 13,
      path: 'llm.provider',
      message: 'expected one of `none`, `openai`, `anthropic`, `google`, got string "opnai"',
      hint: 'did you mean `openai`?',
    });
  });

  it('rejects an unsupported version', () => {
    expect(onlyError('version: 2\n')).toMatchObject({
      line: 1,
      column: 10,
      message: 'expected `1`, got number 2',
    });
  });

  it('rejects an empty or multi-line checkpoint origin', () => {
    expect(onlyError('audit:\n  origin: ""\n')).toMatchObject({ path: 'audit.origin', line: 2 });
    expect(onlyError('audit:\n  origin: "a\\nb"\n').message).toBe('must be one non-empty line');
  });

  it('explains an empty section', () => {
    expect(onlyError('llm:\n')).toMatchObject({
      line: 1,
      path: 'llm',
      message: 'expected a mapping, got an empty value',
      hint: 'remove the key or give it fields',
    });
  });

  it.each([
    ['a list', '- a\n- b\n'],
    ['a scalar', 'hello\n'],
  ])('rejects %s at the top level', (_name, text) => {
    expect(onlyError(text)).toMatchObject({
      line: 1,
      column: 1,
      path: '',
      message: 'the config must be a mapping',
    });
  });

  it('reports every error, in file order', () => {
    const result = parse('llm:\n  provider: x\nstore:\n  pth: a\nversion: 3\n');
    expect(result.errors.map((issue) => issue.line)).toEqual([2, 4, 5]);
  });
});

describe('parseConfig YAML errors', () => {
  it('reports a tab-indented line', () => {
    expect(onlyError('audit:\n\tenvironment: staging\n')).toMatchObject({
      line: 2,
      column: 1,
      message: 'tabs are not allowed as indentation',
      hint: 'check indentation and quoting',
    });
  });

  it('reports an unclosed quote where the string opens', () => {
    expect(onlyError("audit:\n  environment: 'staging\n  signingKey: k.pem\n")).toMatchObject({
      line: 2,
      column: 16,
      message: 'unclosed quoted string',
      hint: 'check indentation and quoting',
    });
  });

  it('reports a duplicate key with its path', () => {
    expect(onlyError('audit:\n  environment: a\n  environment: b\n')).toEqual({
      file: FILE,
      line: 3,
      column: 3,
      path: 'audit.environment',
      message: 'duplicate key `environment`',
      hint: 'remove or merge the repeated key',
    });
  });

  it('reports an alias to a missing anchor', () => {
    expect(onlyError('audit:\n  environment: *prod\n')).toMatchObject({ line: 2, column: 16 });
  });
});

describe('parseConfig environment references', () => {
  it(`replaces \${NAME} in any string`, () => {
    const result = parse(`audit:\n  environment: \${STAGE}-eu\n`, { STAGE: 'staging' });
    expect(result.config?.audit.environment).toBe('staging-eu');
  });

  it(`keeps $\${NAME} as a literal \${NAME}`, () => {
    expect(parse(`project:\n  name: $\${NAME}\n`, { NAME: 'x' }).config?.project.name).toBe(`\${NAME}`);
  });

  it('fills a secret from the environment without a warning', () => {
    const result = parse(`llm:\n  apiKey: \${CARA_LLM_API_KEY}\n`, { CARA_LLM_API_KEY: 'sk-test' });
    expect(result).toMatchObject({ warnings: [], errors: [] });
    expect(result.config?.llm.apiKey).toBe('sk-test');
  });

  it('names an unset variable', () => {
    expect(onlyError(`llm:\n  apiKey: \${CARA_LLM_API_KEY}\n`)).toEqual({
      file: FILE,
      line: 2,
      column: 11,
      path: 'llm.apiKey',
      message: 'environment variable CARA_LLM_API_KEY is not set',
      hint: 'set CARA_LLM_API_KEY or remove the reference',
    });
  });

  it('never echoes a value that came from the environment', () => {
    const issue = onlyError(`notifications:\n  slackWebhookUrl: \${HOOK}\n`, { HOOK: 'hunter2' });
    expect(issue.message).toBe('expected a URL, got a string (value hidden)');
    expect(JSON.stringify(issue)).not.toContain('hunter2');
  });
});

describe('parseConfig literal secrets', () => {
  it('warns about a literal secret and suggests an environment reference', () => {
    const result = parse('store:\n  url: postgres://cara:pw@db/cara\n');
    expect(result.errors).toEqual([]);
    expect(result.config?.store.url).toBe('postgres://cara:pw@db/cara');
    expect(result.warnings).toEqual([
      {
        file: FILE,
        line: 2,
        column: 8,
        path: 'store.url',
        message: 'secret written as a literal value',
        hint: `write \`\${CARA_DATABASE_URL}\` and set CARA_DATABASE_URL in the environment`,
      },
    ]);
  });

  it('does not echo a literal secret in an error', () => {
    const issue = onlyError('notifications:\n  slackWebhookUrl: hunter2\n');
    expect(issue.message).not.toContain('hunter2');
  });
});

describe('assertValidConfig', () => {
  it('returns the config of a valid result', () => {
    expect(assertValidConfig(parse('')).version).toBe(1);
  });

  it('throws CONFIG_INVALID listing every formatted error, exit code 2', () => {
    const result = parse('llm:\n  provider: x\nstore:\n  pth: a\n');
    let thrown: unknown;
    try {
      assertValidConfig(result);
    } catch (error) {
      thrown = error;
    }
    if (!isCaraError(thrown)) throw new Error('expected a CaraError');
    expect(thrown.code).toBe('CONFIG_INVALID');
    expect(thrown.exitCode).toBe(2);
    expect(thrown.message).toBe(
      [
        'cara.config.yaml has 2 errors:',
        '  cara.config.yaml:2:13 llm.provider: expected one of `none`, `openai`, `anthropic`, `google`, got string "x"',
        '  cara.config.yaml:4:3 store.pth: unknown key (did you mean `path`?)',
      ].join('\n'),
    );
  });
});

describe('loadConfig', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('reads and validates a file, naming it in issues', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cara-config-'));
    const file = join(dir, 'cara.config.yaml');
    await writeFile(file, 'audit:\n  signingKy: k\n');
    const result = await loadConfig(file, { env: {} });
    expect(result.errors).toMatchObject([{ file, line: 2, path: 'audit.signingKy' }]);
  });

  it('reports a missing file and points at cara init', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cara-config-'));
    const file = join(dir, 'cara.config.yaml');
    const result = await loadConfig(file);
    expect(result.config).toBeUndefined();
    expect(result.errors).toEqual([
      {
        file,
        line: undefined,
        column: undefined,
        path: '',
        message: `config file not found: ${file}`,
        hint: 'run `cara init` to create it',
      },
    ]);
    expect(formatConfigIssue(result.errors[0] as ConfigIssue)).toBe(
      `${file} config file not found: ${file} (run \`cara init\` to create it)`,
    );
  });
});
