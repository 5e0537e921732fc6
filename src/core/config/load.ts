import { readFile } from 'node:fs/promises';
import {
  type Document,
  isAlias,
  isPair,
  isScalar,
  LineCounter,
  parseDocument,
  visit,
  type YAMLError,
} from 'yaml';
import { CaraError, messageOf } from '../errors.js';
import { hasReference, interpolateEnv } from './interpolate.js';
import { type CaraConfig, configSchema, fieldMeta, schemaAt, secretPathsIn } from './schema.js';
import { offsetPosition, type Position, positionOf, rangeStart } from './yaml-position.js';
import { describeZodIssue, valueAt } from './zod-issue.js';

/** One problem in a config file, placed at its line and column (1-based) when known. */
export interface ConfigIssue {
  file: string;
  line: number | undefined;
  column: number | undefined;
  /** Dotted path of the field, e.g. `audit.signingKey`; empty for the file as a whole. */
  path: string;
  message: string;
  hint: string | undefined;
}

/** The outcome of loading a config: `config` is set only when there are no errors. */
export interface LoadConfigResult {
  config: CaraConfig | undefined;
  warnings: ConfigIssue[];
  errors: ConfigIssue[];
}

export interface ParseConfigOptions {
  /** Where `${NAME}` references are looked up; defaults to the process environment. */
  env?: NodeJS.ProcessEnv;
}

const YAML_HINT = 'check indentation and quoting';

/**
 * Parses and validates the text of `cara.config.yaml`, reporting every problem with its position.
 * Pure apart from reading `${NAME}` references from `options.env`.
 */
export function parseConfig(text: string, file: string, options: ParseConfigOptions = {}): LoadConfigResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const issue = (path: readonly PropertyKey[], message: string, hint: string | undefined, at?: Position) => ({
    file,
    line: at?.line,
    column: at?.column,
    path: pathText(path),
    message,
    hint,
  });
  const yamlIssue = (error: YAMLError, fallbackHint: string | undefined): ConfigIssue => {
    const at = offsetPosition(lineCounter, yamlErrorOffset(doc, error));
    if (error.code !== 'DUPLICATE_KEY') return issue([], yamlMessage(error), fallbackHint, at);
    const path = keyPathAt(doc, error.pos[0]);
    return issue(
      path,
      `duplicate key \`${String(path.at(-1) ?? '')}\``,
      'remove or merge the repeated key',
      at,
    );
  };
  const warnings = doc.warnings.map((warning) => yamlIssue(warning, undefined));
  if (doc.errors.length > 0) {
    return { config: undefined, warnings, errors: doc.errors.map((error) => yamlIssue(error, YAML_HINT)) };
  }

  let raw: unknown;
  try {
    raw = doc.toJS() ?? {};
  } catch (error) {
    const at = offsetPosition(lineCounter, unresolvedAliasOffset(doc));
    return { config: undefined, warnings, errors: [issue([], lowerFirst(messageOf(error)), YAML_HINT, at)] };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    const at = offsetPosition(lineCounter, rangeStart(doc.contents));
    const error = issue(
      [],
      'the config must be a mapping',
      'write `key: value` lines, as `cara init` does',
      at,
    );
    return { config: undefined, warnings, errors: [error] };
  }

  const errors: ConfigIssue[] = [];
  const place = (path: readonly PropertyKey[], at: 'key' | 'value') => positionOf(doc, lineCounter, path, at);
  for (const path of secretPathsIn(raw)) {
    const value = valueAt(raw, path);
    if (typeof value !== 'string' || hasReference(value)) continue;
    const envVar = fieldMeta(schemaAt(path) ?? configSchema).envVar ?? 'CARA_...';
    const hint = `write \`\${${envVar}}\` and set ${envVar} in the environment`;
    warnings.push(issue(path, 'secret written as a literal value', hint, place(path, 'value')));
  }

  const env = interpolateEnv(raw, options.env);
  for (const { path, variable } of env.unresolved) {
    const message = `environment variable ${variable} is not set`;
    errors.push(issue(path, message, `set ${variable} or remove the reference`, place(path, 'value')));
  }
  const unresolved = new Set(env.unresolved.map(({ path }) => pathText(path)));
  const hidden = new Set([...env.interpolated, ...secretPathsIn(env.value)].map(pathText));

  const parsed = configSchema.safeParse(env.value);
  for (const zodIssue of parsed.error?.issues ?? []) {
    for (const described of describeZodIssue(zodIssue, env.value, (path) => hidden.has(pathText(path)))) {
      if (unresolved.has(pathText(described.path))) continue;
      errors.push(
        issue(described.path, described.message, described.hint, place(described.path, described.at)),
      );
    }
  }
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const config = errors.length === 0 && parsed.success ? parsed.data : undefined;
  return { config, warnings, errors };
}

/** Reads and parses a config file; a missing file is an error that points at `cara init`. */
export async function loadConfig(file: string, options: ParseConfigOptions = {}): Promise<LoadConfigResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const notFound = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const fileIssue: ConfigIssue = {
      file,
      line: undefined,
      column: undefined,
      path: '',
      message: notFound ? `config file not found: ${file}` : `cannot read config file: ${messageOf(error)}`,
      hint: notFound ? 'run `cara init` to create it' : 'check that the file is readable',
    };
    return { config: undefined, warnings: [], errors: [fileIssue] };
  }
  return parseConfig(text, file, options);
}

/** One line per issue: `cara.config.yaml:12:3 audit.signingKy: unknown key (did you mean \`signingKey\`?)`. */
export function formatConfigIssue(issue: ConfigIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  const path = issue.path === '' ? '' : `${issue.path}: `;
  const hint = issue.hint === undefined ? '' : ` (${issue.hint})`;
  return `${where} ${path}${issue.message}${hint}`;
}

/** The config of a load result, or a CONFIG_INVALID error that lists every problem. */
export function assertValidConfig(result: LoadConfigResult): CaraConfig {
  if (result.config !== undefined && result.errors.length === 0) return result.config;
  const count = result.errors.length;
  const lines = result.errors.map((issue) => `  ${formatConfigIssue(issue)}`);
  const file = result.errors[0]?.file ?? 'the config file';
  throw new CaraError(
    'CONFIG_INVALID',
    [`${file} has ${count} error${count === 1 ? '' : 's'}:`, ...lines].join('\n'),
    { hint: 'fix the entries above and run the command again', exitCode: 2 },
  );
}

function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

function yamlMessage(error: YAMLError): string {
  if (error.code === 'MISSING_CHAR' && error.message.includes('quote')) return 'unclosed quoted string';
  return lowerFirst(error.message);
}

/** The path of the mapping key that starts at `offset` (for duplicate keys). */
function keyPathAt(doc: Document, offset: number): string[] {
  let found: string[] = [];
  visit(doc, {
    Pair(_key, pair, ancestors) {
      if (rangeStart(pair.key) !== offset) return undefined;
      const parents = ancestors.filter(isPair).map((parent) => keyText(parent.key));
      found = [...parents, keyText(pair.key)];
      return visit.BREAK;
    },
  });
  return found;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Where a YAML error is best shown: an unclosed quote at its opening, not at the end of the file. */
function yamlErrorOffset(doc: Document, error: YAMLError): number {
  const offset = error.pos[0];
  if (error.code !== 'MISSING_CHAR') return offset;
  let opening: number | undefined;
  visit(doc, {
    Scalar(_key, node) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (quoted && node.range && node.range[0] < offset && node.range[1] >= offset) opening = node.range[0];
    },
  });
  return opening ?? offset;
}

function unresolvedAliasOffset(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (offset === undefined && isAlias(node) && node.resolve(doc) === undefined) offset = rangeStart(node);
    },
  });
  return offset;
}
