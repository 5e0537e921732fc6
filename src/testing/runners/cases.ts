import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CaraError, messageOf } from '../../core/errors.js';
import { testId } from '../results/model.js';

/** A test case found by reading a test file, without running it. */
export interface DiscoveredCase {
  /** The id a run would report it under: `${file}::${suite path joined by ' > '}::${name}`. */
  id: string;
  suite: string[];
  name: string;
  /** 1-based line of the call that declares the test. */
  line: number;
  /** Skipped, todo or pending (no callback) itself or through an enclosing suite. */
  skip: boolean;
  /** Focused with `.only` / `fit` itself or through an enclosing suite. */
  only: boolean;
  /**
   * The name or one of its suites' names is computed (`.each`, a template with substitutions, a variable):
   * `name` and `id` are the source text, not what the runner will report.
   */
  dynamic: boolean;
}

/** A test file that could not be read or parsed, returned as data so the other files still count. */
export interface CaseDiscoveryError {
  file: string;
  message: string;
}

export interface ProjectCases {
  cases: DiscoveredCase[];
  errors: CaseDiscoveryError[];
}

type OxcParser = typeof import('oxc-parser');

// A generic ESTree node as the parser returns it: the walk reads only these fields.
interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

interface Scope {
  suite: string[];
  skip: boolean;
  only: boolean;
  dynamic: boolean;
}

interface TestCall {
  kind: 'suite' | 'test';
  skip: boolean;
  only: boolean;
  /** A parametrised call (`.each`, `.for`): its name is a pattern. */
  each: boolean;
}

const SUITES: Record<string, Partial<TestCall>> = {
  describe: {},
  suite: {},
  context: {},
  fdescribe: { only: true },
  xdescribe: { skip: true },
  xcontext: { skip: true },
};
const TESTS: Record<string, Partial<TestCall>> = {
  it: {},
  test: {},
  specify: {},
  fit: { only: true },
  xit: { skip: true },
  xtest: { skip: true },
  xspecify: { skip: true },
};
const SKIP_MODIFIERS = new Set(['skip', 'todo', 'fixme']);
const EACH_MODIFIERS = new Set(['each', 'for']);
/** Modifiers that return the function to call with the name: `it.each(table)('name', fn)`. */
const FACTORY_MODIFIERS = new Set(['each', 'for', 'skipIf', 'runIf']);
const PLAIN_MODIFIERS = new Set([
  'only',
  'concurrent',
  'sequential',
  'shuffle',
  'fails',
  'failing',
  'parallel',
  'serial',
]);

/**
 * The test cases declared in one test file, found statically: `describe`/`suite`/`context` (and
 * `test.describe`) nest `it`/`test`/`specify` calls, with `.skip`/`.only`/`.todo`/`.each` variants.
 * Lets cara list and select individual tests without running the runner; throws DATA_INVALID naming the
 * file and line when the source does not parse. `file` is the repo-relative path used in the ids.
 */
export function discoverTestCases(source: string, file: string): DiscoveredCase[] {
  const program = parse(source, file);
  const lines = lineStarts(source);
  const cases: DiscoveredCase[] = [];
  const root: Scope = { suite: [], skip: false, only: false, dynamic: false };

  const visit = (value: unknown, scope: Scope): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, scope);
      return;
    }
    if (!isNode(value)) return;
    if (value.type === 'CallExpression' && handleCall(value, scope)) return;
    for (const [key, child] of Object.entries(value)) {
      if (key !== 'type' && typeof child === 'object' && child !== null) visit(child, scope);
    }
  };

  /** Records a test or walks into a suite; false when the call is neither. */
  const handleCall = (call: Node, scope: Scope): boolean => {
    const kind = classify(call.callee as Node);
    const args = (call.arguments as Node[]).filter(isNode);
    if (kind === undefined) return false;
    const [first] = args;
    const callback = args.find(isFunction);
    if (kind.kind === 'suite') {
      // Playwright's `test.describe(() => ...)` groups tests without a name.
      const anonymous = first === undefined || isFunction(first);
      if (!anonymous && !isNameLike(first)) return false;
      const named = anonymous ? undefined : nameOf(first, source);
      const inner: Scope = {
        suite: named === undefined ? scope.suite : [...scope.suite, named.name],
        skip: scope.skip || kind.skip,
        only: scope.only || kind.only,
        dynamic: scope.dynamic || kind.each || (named?.dynamic ?? false),
      };
      if (callback !== undefined) visit(callback.body, inner);
      return true;
    }
    // `test.skip(condition, reason)` and `test.skip()` inside a body skip the running test; they declare none.
    if (first === undefined || !isNameLike(first)) return false;
    const named = nameOf(first, source);
    const suite = scope.suite;
    cases.push({
      id: testId(file, suite, named.name),
      suite,
      name: named.name,
      line: lineOf(lines, call.start),
      skip: scope.skip || kind.skip || args.length < 2,
      only: scope.only || kind.only,
      dynamic: scope.dynamic || kind.each || named.dynamic,
    });
    return true;
  };

  visit(program, root);
  return cases;
}

/**
 * The test cases of the given repo-relative files under root. A file that cannot be read or parsed
 * is listed in `errors` and the others are still read.
 */
export async function discoverProjectCases(root: string, files: readonly string[]): Promise<ProjectCases> {
  const results = await Promise.all(
    files.map(async (file): Promise<DiscoveredCase[] | CaseDiscoveryError> => {
      try {
        return discoverTestCases(await readFile(path.join(root, file), 'utf8'), file);
      } catch (error) {
        return { file, message: messageOf(error) };
      }
    }),
  );
  const cases: DiscoveredCase[] = [];
  const errors: CaseDiscoveryError[] = [];
  for (const result of results) {
    if (Array.isArray(result)) cases.push(...result);
    else errors.push(result);
  }
  return { cases, errors };
}

function parse(source: string, file: string): Node {
  // Loaded on first use, synchronously: only the commands that discover cases pay for the native parser.
  const oxc = createRequire(import.meta.url)('oxc-parser') as OxcParser;
  let result = oxc.parseSync(file, source, { preserveParens: false });
  // Plenty of `.js` files hold JSX; the parser only accepts it when told.
  if (hasError(result) && /\.[cm]?js$/.test(file)) {
    const retry = oxc.parseSync(file, source, { preserveParens: false, lang: 'jsx' });
    if (!hasError(retry)) result = retry;
  }
  const error = result.errors.find((e) => (e.severity as string) === 'Error');
  if (error !== undefined) {
    const line = lineOf(lineStarts(source), error.labels[0]?.start ?? 0);
    throw new CaraError('DATA_INVALID', `${file}:${line}: cannot parse the test file: ${error.message}`, {
      hint: 'Fix the syntax error; the test runner could not load this file either.',
    });
  }
  return result.program as unknown as Node;
}

function hasError(result: { errors: { severity: unknown }[] }): boolean {
  return result.errors.some((e) => e.severity === 'Error');
}

/** What kind of test call `callee` makes, if any: `it`, `describe.skip`, `test.describe.only`, `it.each(t)`... */
function classify(callee: Node): TestCall | undefined {
  let target = callee;
  let factory: string | undefined;
  // `it.each(table)(name, fn)`, `it.each\`table\`(name, fn)`, `it.skipIf(cond)(name, fn)`
  if (target.type === 'CallExpression' || target.type === 'TaggedTemplateExpression') {
    const inner = (target.type === 'CallExpression' ? target.callee : target.tag) as Node;
    const chain = memberChain(inner);
    factory = chain?.at(-1);
    if (factory === undefined || !FACTORY_MODIFIERS.has(factory)) return undefined;
    if (target.type === 'TaggedTemplateExpression' && !EACH_MODIFIERS.has(factory)) return undefined;
    target = inner;
  }
  const chain = memberChain(target);
  if (chain === undefined) return undefined;
  const [base, ...rest] = chain as [string, ...string[]];
  let defaults = SUITES[base] ?? TESTS[base];
  let kind: TestCall['kind'] = SUITES[base] !== undefined ? 'suite' : 'test';
  if (defaults === undefined) return undefined;
  if (base === 'test' && rest[0] === 'describe') {
    rest.shift();
    defaults = {};
    kind = 'suite';
  }
  const call: TestCall = { kind, skip: false, only: false, each: false, ...defaults };
  for (const [index, modifier] of rest.entries()) {
    if (FACTORY_MODIFIERS.has(modifier)) {
      // A factory modifier only names the function its result is: it must be the last one, called above.
      if (index !== rest.length - 1 || factory === undefined) return undefined;
      call.each ||= EACH_MODIFIERS.has(modifier);
    } else if (SKIP_MODIFIERS.has(modifier)) call.skip = true;
    else if (modifier === 'only') call.only = true;
    else if (!PLAIN_MODIFIERS.has(modifier)) return undefined;
  }
  return call;
}

/** `a.b.c` (or `a['b']`) as `['a', 'b', 'c']`; undefined for anything else. */
function memberChain(node: Node): string[] | undefined {
  if (node.type === 'Identifier') return [node.name as string];
  if (node.type !== 'MemberExpression') return undefined;
  const object = memberChain(node.object as Node);
  const property = node.property as Node;
  const key =
    node.computed === true
      ? property.type === 'Literal' && typeof property.value === 'string'
        ? property.value
        : undefined
      : (property.name as string | undefined);
  return object === undefined || key === undefined ? undefined : [...object, key];
}

/** Could this first argument be a test's name (rather than a condition, options or a callback)? */
function isNameLike(node: Node): boolean {
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' || typeof node.value === 'number';
    case 'BinaryExpression':
      return node.operator === '+';
    case 'TemplateLiteral':
    case 'Identifier':
    case 'MemberExpression':
    case 'CallExpression':
      return true;
    default:
      return false;
  }
}

/** A name argument's text: the string when it is one, else its source text and `dynamic`. */
function nameOf(node: Node, source: string): { name: string; dynamic: boolean } {
  const folded = staticString(node);
  if (folded !== undefined) return { name: folded, dynamic: false };
  const text = source.slice(node.start, node.end);
  if (node.type === 'TemplateLiteral') return { name: text.slice(1, -1), dynamic: true };
  return { name: text, dynamic: true };
}

/** A string (or number) literal, a template without substitutions, or a `+` of those. */
function staticString(node: Node): string | undefined {
  if (node.type === 'Literal') {
    return typeof node.value === 'string' || typeof node.value === 'number' ? String(node.value) : undefined;
  }
  if (node.type === 'TemplateLiteral') {
    const quasis = node.quasis as { value: { cooked?: string | null } }[];
    return (node.expressions as unknown[]).length === 0 ? (quasis[0]?.value.cooked ?? undefined) : undefined;
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const left = staticString(node.left as Node);
    const right = left === undefined ? undefined : staticString(node.right as Node);
    return right === undefined ? undefined : `${left}${right}`;
  }
  return undefined;
}

function isFunction(node: Node): boolean {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression';
}

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}
