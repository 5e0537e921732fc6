/** The JSON Schema keywords `validateJsonSchema` understands (those the SARIF 2.1.0 schema uses). */
export interface JsonSchema {
  $ref?: string;
  type?: string | readonly string[];
  required?: readonly string[];
  properties?: Readonly<Record<string, JsonSchema>>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: readonly unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** Checked: uri, uri-reference, date, date-time, uuid. Other formats are annotations. */
  format?: string;
  allOf?: readonly JsonSchema[];
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  definitions?: Readonly<Record<string, JsonSchema>>;
  /** Property dependencies (array form): when the key is present, the listed properties must be too. */
  dependencies?: Readonly<Record<string, readonly string[] | JsonSchema>>;
  [keyword: string]: unknown;
}

/** The keywords `validateJsonSchema` applies, plus the annotations it may ignore without loss. */
const KNOWN_KEYWORDS = new Set([
  '$ref',
  'type',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'allOf',
  'anyOf',
  'oneOf',
  'definitions',
  'dependencies',
  '$schema',
  '$id',
  'id',
  'title',
  'description',
  'default',
  'examples',
  '$comment',
  'contentEncoding',
  'contentMediaType',
]);

/**
 * JSON pointers of the keywords in `schema` that `validateJsonSchema` would ignore although they
 * may constrain values. Empty means the validator enforces the whole schema.
 */
export function unknownSchemaKeywords(schema: JsonSchema): string[] {
  const found: string[] = [];
  const walk = (node: unknown, at: string): void => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
    for (const [key, child] of Object.entries(node)) {
      const here = `${at}/${escapePointer(key)}`;
      if (!KNOWN_KEYWORDS.has(key)) found.push(here);
      else if (key === 'properties' || key === 'definitions' || key === 'dependencies') {
        for (const [name, sub] of Object.entries(child as object))
          walk(sub, `${here}/${escapePointer(name)}`);
      } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
        (child as unknown[]).forEach((sub, i) => {
          walk(sub, `${here}/${i}`);
        });
      } else if (key === 'items' || key === 'additionalProperties') walk(child, here);
    }
  };
  walk(schema, '');
  return found;
}

/** One way a value breaks a schema: a JSON pointer and what is wrong there. */
export interface SchemaIssue {
  path: string;
  message: string;
}

/**
 * Validates `value` against a draft-04/07 style schema, for the keywords in `JsonSchema`; `$ref`
 * resolves a local JSON pointer (`#/definitions/NAME`, `#`) or a plain-name fragment declared by a
 * subschema's `$id` (`#assembly_x`, as OSCAL schemas use) against `root`. Unknown keywords are
 * ignored (see `unknownSchemaKeywords`). Returns every issue.
 */
export function validateJsonSchema(
  schema: JsonSchema,
  value: unknown,
  root: JsonSchema = schema,
): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  check(schema, value, '', { root, patterns: new Map(), anchors: undefined }, issues);
  return issues;
}

/** What one validation shares: the root for `$ref`, the patterns compiled and the `$id` anchors found so far. */
interface Context {
  root: JsonSchema;
  patterns: Map<string, RegExp>;
  /** Subschemas by plain-name `$id` fragment (`#name`), collected on the first such `$ref`. */
  anchors: Map<string, JsonSchema> | undefined;
}

function matches(schema: JsonSchema, value: unknown, context: Context): boolean {
  const issues: SchemaIssue[] = [];
  check(schema, value, '', context, issues);
  return issues.length === 0;
}

function check(
  schema: JsonSchema,
  value: unknown,
  path: string,
  context: Context,
  issues: SchemaIssue[],
): void {
  const add = (message: string): void => {
    issues.push({ path: path || '/', message });
  };
  if (schema.$ref !== undefined) {
    const target = resolvePointer(context.root, schema.$ref) ?? resolveAnchor(context, schema.$ref);
    if (!target) {
      add(`unresolvable $ref ${schema.$ref}`);
      return;
    }
    check(target, value, path, context, issues);
  }
  if (schema.type !== undefined) {
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
    if (!types.some((t) => hasType(value, t))) {
      add(`expected ${types.join(' or ')}, got ${typeName(value)}`);
      return;
    }
  }
  if (schema.enum && !schema.enum.some((e) => canonical(e) === canonical(value))) {
    add(`must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  }
  if (Object.hasOwn(schema, 'const') && canonical(schema.const) !== canonical(value)) {
    add(`must be ${JSON.stringify(schema.const)}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) add(`must be >= ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) add(`must be <= ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength)
      add(`must be at least ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && length > schema.maxLength)
      add(`must be at most ${schema.maxLength} characters`);
    if (schema.pattern !== undefined && !compilePattern(schema.pattern, context.patterns).test(value))
      add(`must match ${schema.pattern}`);
    if (schema.format === 'uri' && !/^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(value))
      add('must be an absolute URI');
    if (schema.format === 'uri-reference' && /[\s\\]/.test(value)) add('must be a URI reference');
    if (schema.format === 'date' && !isDate(value)) add('must be a date (YYYY-MM-DD)');
    if (schema.format === 'date-time' && !isDateTime(value)) add('must be a date-time (RFC 3339)');
    if (schema.format === 'uuid' && !UUID.test(value)) add('must be a UUID');
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      add(`needs at least ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      add(`needs at most ${schema.maxItems} items`);
    if (schema.uniqueItems && new Set(value.map(canonical)).size !== value.length) {
      add('items must be unique');
    }
    const items = schema.items;
    if (items) {
      value.forEach((item, i) => {
        check(items, item, `${path}/${i}`, context, issues);
      });
    }
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    checkObject(schema, value, path, context, issues);
  for (const sub of schema.allOf ?? []) check(sub, value, path, context, issues);
  const anyOf = schema.anyOf;
  if (anyOf && !anyOf.some((s) => matches(s, value, context))) add('matches none of anyOf');
  const oneOf = schema.oneOf;
  if (oneOf && oneOf.filter((s) => matches(s, value, context)).length !== 1) {
    add('must match exactly one of oneOf');
  }
}

function checkObject(
  schema: JsonSchema,
  value: object,
  path: string,
  context: Context,
  issues: SchemaIssue[],
): void {
  const record = value as Record<string, unknown>;
  for (const key of schema.required ?? []) {
    if (!Object.hasOwn(record, key))
      issues.push({ path: path || '/', message: `missing required property ${key}` });
  }
  for (const [key, needs] of Object.entries(schema.dependencies ?? {})) {
    if (!Object.hasOwn(record, key)) continue;
    if (Array.isArray(needs)) {
      for (const other of needs as readonly string[]) {
        if (!Object.hasOwn(record, other))
          issues.push({ path: path || '/', message: `${key} needs ${other} to be present` });
      }
    } else check(needs as JsonSchema, value, path, context, issues);
  }
  for (const [key, child] of Object.entries(record)) {
    const childPath = `${path}/${escapePointer(key)}`;
    const declared = schema.properties?.[key];
    if (declared) check(declared, child, childPath, context, issues);
    else if (schema.additionalProperties === false)
      issues.push({ path: childPath, message: 'property not allowed' });
    else if (typeof schema.additionalProperties === 'object') {
      check(schema.additionalProperties, child, childPath, context, issues);
    }
  }
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The subschema a local `$ref` (`#`, `#/definitions/NAME`, any `#/a/b` pointer) names in `root`. */
function resolvePointer(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#')) return undefined;
  const pointer = decodeURIComponent(ref.slice(1));
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) return undefined;
  let node: unknown = root;
  for (const token of pointer.slice(1).split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'object' && node !== null ? (node as JsonSchema) : undefined;
}

/** The subschema whose `$id` is the plain-name fragment `ref` (`#assembly_x`), anywhere in the root. */
function resolveAnchor(context: Context, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#') || ref.startsWith('#/')) return undefined;
  if (context.anchors === undefined) {
    const anchors = new Map<string, JsonSchema>();
    const walk = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      if (Array.isArray(node)) {
        for (const item of node) walk(item);
        return;
      }
      const id = (node as JsonSchema).$id;
      if (typeof id === 'string' && id.startsWith('#') && !anchors.has(id))
        anchors.set(id, node as JsonSchema);
      for (const child of Object.values(node)) walk(child);
    };
    walk(context.root);
    context.anchors = anchors;
  }
  return context.anchors.get(ref);
}

/**
 * A schema pattern as a RegExp: Unicode mode when the pattern is valid there, else the legacy
 * syntax (published schemas hold patterns such as `…]?$` that only the legacy syntax accepts).
 */
function compilePattern(pattern: string, patterns: Map<string, RegExp>): RegExp {
  let regex = patterns.get(pattern);
  if (!regex) {
    try {
      regex = new RegExp(pattern, 'u');
    } catch {
      regex = new RegExp(pattern);
    }
    patterns.set(pattern, regex);
  }
  return regex;
}

/** JSON text with object keys sorted, so equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'array') return Array.isArray(value);
  if (type === 'null') return value === null;
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === type;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function isDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.getUTCDate() === Number(match[3]);
}

function isDateTime(text: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(text) &&
    !Number.isNaN(Date.parse(text.replace(' ', 'T')))
  );
}
