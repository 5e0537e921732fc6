import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaraError } from '../../core/errors.js';
import { type DiscoveredCase, discoverProjectCases, discoverTestCases } from './cases.js';

/** The cases as `[id, line, flags]`, flags being the letters s(kip), o(nly), d(ynamic) that are set. */
function summary(cases: DiscoveredCase[]): [string, number, string][] {
  return cases.map((c) => [c.id, c.line, `${c.skip ? 's' : ''}${c.only ? 'o' : ''}${c.dynamic ? 'd' : ''}`]);
}

describe('discoverTestCases', () => {
  it('finds nested describe/it calls with their suite path and line', () => {
    const source = [
      "import { describe, expect, it } from 'vitest';",
      '',
      "describe('cart', () => {",
      "  it('adds an item', () => {",
      '    expect(1).toBe(1);',
      '  });',
      "  describe('discounts', function () {",
      '    test(`applies a percentage`, async () => {});',
      "    specify('stacks ' + 'codes', () => {});",
      '  });',
      '});',
      "it('is top level', () => {});",
    ].join('\n');
    const cases = discoverTestCases(source, 'src/cart.test.ts');
    expect(summary(cases)).toEqual([
      ['src/cart.test.ts::cart::adds an item', 4, ''],
      ['src/cart.test.ts::cart > discounts::applies a percentage', 8, ''],
      ['src/cart.test.ts::cart > discounts::stacks codes', 9, ''],
      ['src/cart.test.ts::::is top level', 12, ''],
    ]);
    expect(cases[1]).toEqual({
      id: 'src/cart.test.ts::cart > discounts::applies a percentage',
      suite: ['cart', 'discounts'],
      name: 'applies a percentage',
      line: 8,
      skip: false,
      only: false,
      dynamic: false,
    });
  });

  it('marks skip, todo, pending and only, inherited from the enclosing suites', () => {
    const source = `
describe.skip('off', () => {
  it('inherits skip', () => {});
});
describe.only('focused', () => {
  it('inherits only', () => {});
  it.skip('both', () => {});
});
xdescribe('x', () => { it('in xdescribe', () => {}); });
fdescribe('f', () => { it('in fdescribe', () => {}); });
it.todo('later');
it('pending without a callback');
test.only('focused test', () => {});
xit('x test', () => {});
fit('f test', () => {});
test.concurrent.skip('concurrent skipped', async () => {});
`;
    expect(summary(discoverTestCases(source, 'a.test.js'))).toEqual([
      ['a.test.js::off::inherits skip', 3, 's'],
      ['a.test.js::focused::inherits only', 6, 'o'],
      ['a.test.js::focused::both', 7, 'so'],
      ['a.test.js::x::in xdescribe', 9, 's'],
      ['a.test.js::f::in fdescribe', 10, 'o'],
      ['a.test.js::::later', 11, 's'],
      ['a.test.js::::pending without a callback', 12, 's'],
      ['a.test.js::::focused test', 13, 'o'],
      ['a.test.js::::x test', 14, 's'],
      ['a.test.js::::f test', 15, 'o'],
      ['a.test.js::::concurrent skipped', 16, 's'],
    ]);
  });

  it('marks .each, templates with substitutions and computed names as dynamic, named by their source', () => {
    const source = `
describe.each([[1, 2]])('adds %i', (a, b) => {
  it('works', () => {});
});
it.each([1, 2])('doubles %i', (n) => {});
test.each\`
  a | b
  \${1} | \${2}
\`('returns $b for $a', ({ a, b }) => {});
it.for([1])('for %i', ([n]) => {});
for (const size of [1, 2]) {
  it(\`handles size \${size}\`, () => {});
}
describe(Calculator, () => {
  it(names.first, () => {});
});
it.skipIf(process.env.CI)('runs locally', () => {});
`;
    expect(summary(discoverTestCases(source, 't.test.ts'))).toEqual([
      ['t.test.ts::adds %i::works', 3, 'd'],
      ['t.test.ts::::doubles %i', 5, 'd'],
      ['t.test.ts::::returns $b for $a', 6, 'd'],
      ['t.test.ts::::for %i', 10, 'd'],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a dynamic name is the template's source text
      ['t.test.ts::::handles size ${size}', 12, 'd'],
      ['t.test.ts::Calculator::names.first', 15, 'd'],
      ['t.test.ts::::runs locally', 17, ''],
    ]);
  });

  it('reads Playwright test.describe, anonymous groups and mocha TDD suites', () => {
    const source = `
import { test } from '@playwright/test';
test.describe('login', () => {
  test.describe.configure({ mode: 'serial' });
  test.beforeEach(async ({ page }) => {});
  test.skip(({ browserName }) => browserName === 'webkit', 'flaky there');
  test('signs in', async ({ page }) => {
    test.skip(true, 'not inside a test body either');
    await test.step('types', async () => {});
  });
  test.describe(() => {
    test.fixme('resets password', async () => {});
  });
  test.describe.parallel.only('in parallel', () => {
    test('one', async () => {});
  });
});
suite('tdd', function () {
  test('works', function () {});
});
context('bdd alias', () => { it('too', () => {}); });
`;
    expect(summary(discoverTestCases(source, 'e2e/login.spec.ts'))).toEqual([
      ['e2e/login.spec.ts::login::signs in', 7, ''],
      ['e2e/login.spec.ts::login::resets password', 12, 's'],
      ['e2e/login.spec.ts::login > in parallel::one', 15, 'o'],
      ['e2e/login.spec.ts::tdd::works', 19, ''],
      ['e2e/login.spec.ts::bdd alias::too', 21, ''],
    ]);
  });

  it('ignores calls that only look similar', () => {
    const source = `
const it = makeIt();
t.test('node subtest via the context', () => {});
describe.configure('nope', () => {});
something.describe('nope', () => {});
it.each([1]);
test(true, () => {});
test();
`;
    expect(discoverTestCases(source, 'x.test.js')).toEqual([]);
  });

  it('parses TypeScript, TSX and JSX in .js files, counting lines in UTF-16 text correctly', () => {
    const tsx = `type Props = { name: string };\nconst label = 'été 😀';\ndescribe('<Hello/>', () => {\n  it('renders', () => {\n    render(<Hello name={label as string} />);\n  });\n});\n`;
    expect(summary(discoverTestCases(tsx, 'src/hello.test.tsx'))).toEqual([
      ['src/hello.test.tsx::<Hello/>::renders', 4, ''],
    ]);
    const jsx = `describe('jsx', () => {\n  it('renders', () => render(<div />));\n});\n`;
    expect(summary(discoverTestCases(jsx, 'src/hello.test.js'))).toEqual([
      ['src/hello.test.js::jsx::renders', 2, ''],
    ]);
    const ts = `describe('generic', () => {\n  it('works', () => {\n    const x = <T,>(v: T): T => v;\n    expect(x(1) satisfies number).toBe(1);\n  });\n});\n`;
    expect(discoverTestCases(ts, 'a.test.ts').map((c) => c.name)).toEqual(['works']);
  });

  it('throws DATA_INVALID with the file and line on a syntax error', () => {
    let error: unknown;
    try {
      discoverTestCases("describe('broken', () => {\n  it('x', () => {\n", 'test/broken.test.js');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CaraError);
    expect(error).toMatchObject({
      code: 'DATA_INVALID',
      message: expect.stringMatching(/^test\/broken\.test\.js:\d+: /),
    });
  });
});

describe('discoverProjectCases', () => {
  it('reads every file and returns unreadable or broken ones as errors', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'cara-cases-'));
    try {
      await writeFile(path.join(root, 'a.test.ts'), "describe('a', () => { it('one', () => {}); });\n");
      await writeFile(path.join(root, 'b.test.js'), "it('two', () => {\n");
      const result = await discoverProjectCases(root, ['a.test.ts', 'b.test.js', 'missing.test.ts']);
      expect(result.cases.map((c) => c.id)).toEqual(['a.test.ts::a::one']);
      expect(result.errors.map((e) => e.file)).toEqual(['b.test.js', 'missing.test.ts']);
      expect(result.errors[0]?.message).toMatch(/^b\.test\.js:\d+: cannot parse/);
      expect(result.errors[1]?.message).toMatch(/ENOENT/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('matches the ids the mocha fixture reports when run', async () => {
    const root = path.resolve(import.meta.dirname, '../../../test/fixtures/runners/mocha-basic');
    const files = ['test/math.test.js', 'test/skipped.test.js', 'test/strings.test.js'];
    const { cases, errors } = await discoverProjectCases(root, files);
    expect(errors).toEqual([]);
    expect(cases.map((c) => [c.id, c.skip])).toEqual([
      ['test/math.test.js::math::adds', false],
      ['test/math.test.js::math > with negatives::multiplies', false],
      ['test/skipped.test.js::::runs', false],
      ['test/skipped.test.js::::is skipped', true],
      ['test/strings.test.js::strings::greets', false],
      ['test/strings.test.js::strings::shouts', false],
    ]);
  });
});
