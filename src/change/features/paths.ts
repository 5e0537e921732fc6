/** What a file is, for the test/doc/config extras and for SZZ (which ignores documentation). */
export type FileKind = 'test' | 'doc' | 'config' | 'code';

const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'specs', 'e2e', 'testing']);
const TEST_NAME = [
  /\.(?:test|spec)\.[^.]+$/i,
  /_(?:test|spec)\.[^.]+$/i,
  /^test_.+\.py$/i,
  /(?:Test|Tests|Spec|IT)\.(?:java|kt|kts|scala|groovy|cs|swift)$/,
];
const DOC_EXTENSIONS = new Set(['md', 'mdx', 'markdown', 'rst', 'txt', 'adoc', 'asciidoc', 'org', 'rdoc']);
const DOC_DIRS = new Set(['docs', 'doc', 'documentation']);
const DOC_NAMES =
  /^(?:license|licence|copying|changelog|changes|history|authors|contributors|notice|readme|contributing|code_of_conduct)(?:\.|$)/i;
const CONFIG_EXTENSIONS = new Set([
  'json',
  'jsonc',
  'json5',
  'yaml',
  'yml',
  'toml',
  'ini',
  'cfg',
  'conf',
  'properties',
  'env',
  'xml',
  'lock',
  'editorconfig',
]);
const CONFIG_NAMES =
  /^(?:dockerfile|containerfile|makefile|procfile|jenkinsfile|vagrantfile|gemfile|podfile)$/i;

/** Test, documentation, configuration or code, from the path alone. */
export function fileKind(path: string): FileKind {
  const segments = path.split('/');
  const name = segments[segments.length - 1] ?? path;
  const dirs = segments.slice(0, -1);
  if (dirs.some((dir) => TEST_DIRS.has(dir.toLowerCase())) || TEST_NAME.some((re) => re.test(name))) {
    return 'test';
  }
  const extension = extensionOf(path);
  if (DOC_EXTENSIONS.has(extension) || DOC_NAMES.test(name) || DOC_DIRS.has((dirs[0] ?? '').toLowerCase())) {
    return 'doc';
  }
  if (
    CONFIG_EXTENSIONS.has(extension) ||
    CONFIG_NAMES.test(name) ||
    (name.startsWith('.') && !name.slice(1).includes('.')) ||
    dirs[0] === '.github'
  ) {
    return 'config';
  }
  return 'code';
}

/** Lower-case extension without the dot; '' for none (a leading dot, as in `.gitignore`, is not one). */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The parent directory; '.' for a file at the root. */
export function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '.' : path.slice(0, slash);
}

/** The first `depth` directories of a path; '.' for a file at the root. */
export function subsystemOf(path: string, depth: number): string {
  let end = -1;
  for (let i = 0; i < depth; i++) {
    const next = path.indexOf('/', end + 1);
    if (next < 0) break;
    end = next;
  }
  return end < 0 ? '.' : path.slice(0, end);
}

/** Every ancestor directory of a path, shallowest first (`a/b/c.ts` -> `a`, `a/b`). */
export function ancestorsOf(path: string): string[] {
  const out: string[] = [];
  for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
    out.push(path.slice(0, slash));
  }
  return out;
}
