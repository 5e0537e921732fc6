import * as oxc from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { type ExtractedImports, extractImports } from './extract.js';

function imports(file: string, text: string): ExtractedImports {
  const result = extractImports(oxc, file, text);
  if (!result.ok) throw new Error(`${file} did not parse: ${result.error.message}`);
  return result.imports;
}

const asRows = (extracted: ExtractedImports) =>
  extracted.references.map((r) => `${r.kind}${r.typeOnly ? ' (type)' : ''} ${r.specifier}`).sort();

describe('extractImports', () => {
  it('names every static form of import and re-export, with type-only ones marked', () => {
    const text = [
      "import a from './a';",
      "import type { B } from './b';",
      "import { type C, d } from './c';",
      "import * as ns from './ns';",
      "import './side-effect';",
      "export * from './star';",
      "export * as all from './all';",
      "export { x, y as z } from './named';",
      "export type { T } from './types';",
      'export const local = 1;',
    ].join('\n');
    expect(asRows(imports('f.ts', text))).toEqual([
      'import (type) ./b',
      'import ./a',
      'import ./c',
      'import ./ns',
      're-export (type) ./types',
      're-export ./all',
      're-export ./named',
      're-export ./star',
      'side-effect ./side-effect',
    ]);
  });

  it('finds require, require.resolve, import-equals, import() types and literal dynamic imports', () => {
    const text = [
      "import eq = require('./eq');",
      "type Lazy = typeof import('./lazy-type');",
      "const r = require('./req');",
      "const p = require.resolve('./resolved');",
      "const d = import('./dynamic');",
      'const t = import(`./template`);',
      'const n = import(name);',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text under test holds a template literal
      'const u = import(`./plugins/${name}`);',
      'const q = require(name);',
    ].join('\n');
    const extracted = imports('f.ts', text);
    expect(asRows(extracted)).toEqual([
      'dynamic ./dynamic',
      'dynamic ./template',
      'import-type (type) ./lazy-type',
      'require ./eq',
      'require ./req',
      'require-resolve ./resolved',
    ]);
    expect(extracted.skippedDynamic).toBe(2);
  });

  it('reads CommonJS files and lists a specifier once per kind', () => {
    const text =
      "const a = require('./a.cjs');\nconst again = require('./a.cjs');\nmodule.exports = { a };\n";
    expect(asRows(imports('legacy.cjs', text))).toEqual(['require ./a.cjs']);
  });

  it('parses JSX in a .js file', () => {
    const text = "import { h } from './h.js';\nexport const App = () => <div>{h()}</div>;\n";
    expect(asRows(imports('app.js', text))).toEqual(['import ./h.js']);
  });

  it('reports a syntax error with the line and column where it is', () => {
    const result = extractImports(oxc, 'bad.ts', "import { a } from './a';\n\nexport const b = (;\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(3);
    expect(result.error.column).toBeGreaterThan(1);
    expect(result.error.message).not.toBe('');
  });
});
