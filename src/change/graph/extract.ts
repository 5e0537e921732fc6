import type { ImportExpression, ParseResult, ParserOptions } from 'oxc-parser';
import type { ImportKind, ModuleReference } from './types.js';

/** The parts of `oxc-parser` the graph uses, loaded lazily by the build. */
export type OxcParser = typeof import('oxc-parser');

/** What a file refers to, as written in it. */
export interface ExtractedImports {
  references: ModuleReference[];
  /** `import(expr)` calls with a non-literal specifier. */
  skippedDynamic: number;
}

/** Why a file could not be parsed: the parser's first error and where it is. */
export interface ParseFailure {
  message: string;
  line: number;
  column: number;
}

export type ExtractResult = { ok: true; imports: ExtractedImports } | { ok: false; error: ParseFailure };

type Literal = {
  type: string;
  value?: unknown;
  expressions?: unknown[];
  quasis?: { value: { cooked?: string | null } }[];
};
type Callee = { type: string; name?: string; computed?: boolean; object?: Callee; property?: Callee };

const OPTIONS: ParserOptions = { preserveParens: false };

/**
 * Parses one file with oxc and lists the specifiers it uses: static imports and re-exports from the
 * parser's module record; `require()`, `require.resolve()`, `import x = require()`, `import()`
 * expressions and `import()` types from the AST, which is only materialised when the text can hold one.
 * Synchronous on purpose: oxc's async `parse` measured twice as slow here, because turning the result
 * into JavaScript values stays on the calling thread either way.
 */
export function extractImports(oxc: OxcParser, file: string, text: string): ExtractResult {
  let result = oxc.parseSync(file, text, OPTIONS);
  let error = firstError(result, text);
  // Plenty of `.js` files hold JSX; the parser only accepts it when told.
  if (error && file.endsWith('.js')) {
    const retry = oxc.parseSync(file, text, { ...OPTIONS, lang: 'jsx' });
    error = firstError(retry, text);
    result = retry;
  }
  if (error) return { ok: false, error };
  return { ok: true, imports: referencesOf(oxc, result, text) };
}

function referencesOf(oxc: OxcParser, result: ParseResult, text: string): ExtractedImports {
  const references = new Map<string, ModuleReference>();
  const add = (specifier: string, kind: ImportKind, typeOnly: boolean) => {
    const key = `${kind}\0${typeOnly}\0${specifier}`;
    if (!references.has(key)) references.set(key, { specifier, kind, typeOnly });
  };
  const { module } = result;
  for (const statement of module.staticImports) {
    const { entries } = statement;
    const kind = entries.length === 0 ? 'side-effect' : 'import';
    add(statement.moduleRequest.value, kind, entries.length > 0 && entries.every((entry) => entry.isType));
  }
  for (const statement of module.staticExports) {
    const bySpecifier = new Map<string, boolean>();
    for (const entry of statement.entries) {
      if (!entry.moduleRequest) continue;
      const specifier = entry.moduleRequest.value;
      bySpecifier.set(specifier, (bySpecifier.get(specifier) ?? true) && entry.isType);
    }
    for (const [specifier, typeOnly] of bySpecifier) add(specifier, 're-export', typeOnly);
  }
  let skippedDynamic = 0;
  if (module.dynamicImports.length > 0 || text.includes('require') || text.includes('import(')) {
    const visitor = new oxc.Visitor({
      ImportExpression(node: ImportExpression) {
        const specifier = literalValue(node.source as Literal);
        if (specifier === undefined) skippedDynamic++;
        else add(specifier, 'dynamic', false);
      },
      CallExpression(node) {
        const argument = node.arguments[0] as Literal | undefined;
        const specifier = argument && literalValue(argument);
        if (specifier === undefined) return;
        const callee = node.callee as Callee;
        if (callee.type === 'Identifier' && callee.name === 'require') add(specifier, 'require', false);
        else if (isRequireResolve(callee)) add(specifier, 'require-resolve', false);
      },
      TSImportType(node) {
        add(node.source.value, 'import-type', true);
      },
      TSExternalModuleReference(node) {
        add(node.expression.value, 'require', false);
      },
    });
    visitor.visit(result.program);
  }
  return { references: [...references.values()], skippedDynamic };
}

/** A string literal or a template literal without substitutions; anything else is dynamic. */
function literalValue(node: Literal): string | undefined {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions?.length === 0) {
    return node.quasis?.[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

function isRequireResolve(callee: Callee): boolean {
  return (
    callee.type === 'MemberExpression' &&
    callee.computed === false &&
    callee.object?.type === 'Identifier' &&
    callee.object.name === 'require' &&
    callee.property?.type === 'Identifier' &&
    callee.property.name === 'resolve'
  );
}

function firstError(result: ParseResult, text: string): ParseFailure | undefined {
  const error = result.errors.find((e) => (e.severity as string) === 'Error');
  if (!error) return undefined;
  const offset = error.labels[0]?.start ?? 0;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { message: error.message, line, column };
}
