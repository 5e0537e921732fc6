/** The JSON Schema keywords `validateJsonSchema` understands (the subset the SARIF schema uses). */
export interface JsonSchema {
  $ref?: string;
  type?: string | readonly string[];
  required?: readonly string[];
  properties?: Readonly<Record<string, JsonSchema>>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: readonly unknown[];
  minimum?: number;
  minItems?: number;
  uniqueItems?: boolean;
  pattern?: string;
  format?: string;
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  definitions?: Readonly<Record<string, JsonSchema>>;
  /** Property dependencies (array form): when the key is present, the listed properties must be too. */
  dependencies?: Readonly<Record<string, readonly string[] | JsonSchema>>;
  [keyword: string]: unknown;
}

/** One way a value breaks a schema: a JSON pointer and what is wrong there. */
export interface SchemaIssue {
  path: string;
  message: string;
}

/**
 * Validates `value` against a draft-04/07 style schema, for the keywords in `JsonSchema`; `$ref`
 * resolves `#/definitions/NAME` against `root`. Unknown keywords are ignored. Returns every issue.
 */
export function validateJsonSchema(
  schema: JsonSchema,
  value: unknown,
  root: JsonSchema = schema,
): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  check(schema, value, '', root, issues);
  return issues;
}

function check(
  schema: JsonSchema,
  value: unknown,
  path: string,
  root: JsonSchema,
  issues: SchemaIssue[],
): void {
  const add = (message: string): void => {
    issues.push({ path: path || '/', message });
  };
  if (schema.$ref !== undefined) {
    const name = /^#\/definitions\/(.+)$/.exec(schema.$ref)?.[1];
    const target = name === undefined ? undefined : root.definitions?.[name];
    if (!target) {
      add(`unresolvable $ref ${schema.$ref}`);
      return;
    }
    check(target, value, path, root, issues);
  }
  if (schema.type !== undefined) {
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
    if (!types.some((t) => hasType(value, t))) {
      add(`expected ${types.join(' or ')}, got ${typeName(value)}`);
      return;
    }
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    add(`must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  }
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) {
    add(`must be >= ${schema.minimum}`);
  }
  if (typeof value === 'string') {
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
      add(`must match ${schema.pattern}`);
    if (schema.format === 'uri' && !/^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(value))
      add('must be an absolute URI');
    if (schema.format === 'uri-reference' && /[\s\\]/.test(value)) add('must be a URI reference');
    if (schema.format === 'date' && !isDate(value)) add('must be a date (YYYY-MM-DD)');
    if (schema.format === 'date-time' && !isDateTime(value)) add('must be a date-time (RFC 3339)');
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      add(`needs at least ${schema.minItems} items`);
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) {
      add('items must be unique');
    }
    const items = schema.items;
    if (items) {
      value.forEach((item, i) => {
        check(items, item, `${path}/${i}`, root, issues);
      });
    }
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    checkObject(schema, value, path, root, issues);
  const anyOf = schema.anyOf;
  if (anyOf && !anyOf.some((s) => validateJsonSchema(s, value, root).length === 0))
    add('matches none of anyOf');
  const oneOf = schema.oneOf;
  if (oneOf && oneOf.filter((s) => validateJsonSchema(s, value, root).length === 0).length !== 1) {
    add('must match exactly one of oneOf');
  }
}

function checkObject(
  schema: JsonSchema,
  value: object,
  path: string,
  root: JsonSchema,
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
    } else check(needs as JsonSchema, value, path, root, issues);
  }
  for (const [key, child] of Object.entries(record)) {
    const childPath = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const declared = schema.properties?.[key];
    if (declared) check(declared, child, childPath, root, issues);
    else if (schema.additionalProperties === false)
      issues.push({ path: childPath, message: 'property not allowed' });
    else if (typeof schema.additionalProperties === 'object') {
      check(schema.additionalProperties, child, childPath, root, issues);
    }
  }
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
