import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { randomInt, seededRandom } from './random.js';
import { type FunctionTemplate, TEMPLATES, type TemplateConstants } from './selection-templates.js';

const MODULES = ['ledger', 'text', 'grid', 'stats', 'queue', 'codec', 'range', 'shape', 'score', 'clock'];
const FUNCTIONS_PER_MODULE = 4;

/** A generated barrel-style repository: modules under `src/`, `src/index.js`, vitest files under `test/`. */
export interface SelectionFixture {
  root: string;
  /** Repo-relative module files (the barrel excluded): where mutants go. */
  sourceFiles: string[];
  testFiles: string[];
  /** Test file -> the modules whose functions it calls. */
  exercises: Record<string, string[]>;
  functions: number;
  assertions: number;
}

interface GeneratedFunction {
  name: string;
  template: FunctionTemplate;
  constants: TemplateConstants;
}

/**
 * Writes the fixture into `root` (an empty folder). Every test imports `../src/index.js`, the barrel,
 * so the import closure of any module holds every test; each test calls one or two modules only.
 * Expected values come from running the unmutated functions once, in this process. The tests run
 * with vitest: the caller links a `node_modules` that has it.
 */
export async function generateSelectionFixture(
  root: string,
  seed: number,
  testCount = 12,
): Promise<SelectionFixture> {
  const random = seededRandom(seed);
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write(
    'package.json',
    `${JSON.stringify(
      {
        name: 'barrel-fixture',
        private: true,
        type: 'module',
        scripts: { test: 'vitest run' },
        devDependencies: { vitest: '*' },
      },
      null,
      2,
    )}\n`,
  );
  write('.gitignore', 'node_modules\n');
  const modules = new Map<string, GeneratedFunction[]>();
  for (const module of MODULES) {
    const pool = [...TEMPLATES];
    const functions: GeneratedFunction[] = [];
    for (let k = 0; k < FUNCTIONS_PER_MODULE; k++) {
      const [template] = pool.splice(randomInt(random, 0, pool.length), 1) as [FunctionTemplate];
      const constants = { c1: randomInt(random, 2, 8), c2: randomInt(random, 2, 8) };
      functions.push({ name: `${module}${template.suffix}`, template, constants });
    }
    modules.set(module, functions);
    const text = functions.map((fn) => fn.template.lines(fn.name, fn.constants).join('\n')).join('\n\n');
    write(`src/${module}.js`, `${text}\n`);
  }
  write('src/index.js', `${MODULES.map((module) => `export * from './${module}.js';`).join('\n')}\n`);

  const barrel = (await import(pathToFileURL(join(root, 'src/index.js')).href)) as Record<
    string,
    (...args: unknown[]) => unknown
  >;
  const testFiles: string[] = [];
  const exercises: Record<string, string[]> = {};
  let assertions = 0;
  for (let t = 0; t < testCount; t++) {
    const primary = MODULES[t % MODULES.length] as string;
    const chosen: GeneratedFunction[] = pick(random, modules.get(primary) ?? [], randomInt(random, 2, 4));
    const touched = [primary];
    if (random() < 0.5) {
      const others = MODULES.filter((module) => module !== primary);
      const secondary = others[randomInt(random, 0, others.length)] as string;
      chosen.push(...pick(random, modules.get(secondary) ?? [], 1));
      touched.push(secondary);
    }
    const blocks: string[] = [];
    for (const fn of chosen) {
      const lines: string[] = [];
      for (const args of fn.template.inputs(random, fn.constants)) {
        const actual = barrel[fn.name]?.(...args);
        // Only JSON-exact results (no NaN, no undefined) make a literal the test can compare with.
        const text = JSON.stringify(actual);
        if (text === undefined || !isDeepStrictEqual(JSON.parse(text), actual)) continue;
        const call = `${fn.name}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`;
        lines.push(`  assert.deepStrictEqual(${call}, ${text});`);
      }
      assertions += lines.length;
      blocks.push(`test('${fn.name}', () => {\n${lines.join('\n')}\n});`);
    }
    const file = `test/t${String(t + 1).padStart(2, '0')}-${touched.join('-')}.test.js`;
    const names = [...new Set(chosen.map((fn) => fn.name))].sort();
    write(
      file,
      [
        "import assert from 'node:assert/strict';",
        "import { test } from 'vitest';",
        `import { ${names.join(', ')} } from '../src/index.js';`,
        '',
        blocks.join('\n\n'),
        '',
      ].join('\n'),
    );
    testFiles.push(file);
    exercises[file] = touched;
  }
  return {
    root,
    sourceFiles: MODULES.map((module) => `src/${module}.js`),
    testFiles: testFiles.sort(),
    exercises,
    functions: MODULES.length * FUNCTIONS_PER_MODULE,
    assertions,
  };
}

/** `count` distinct items of `items`, seeded. */
function pick<T>(random: () => number, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0)
    out.push(pool.splice(randomInt(random, 0, pool.length), 1)[0] as T);
  return out;
}
