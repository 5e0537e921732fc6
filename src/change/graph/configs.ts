import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { OxcParser } from './extract.js';
import { parseJsonc } from './jsonc.js';
import type { GraphWarning } from './types.js';

/** What the project's `package.json` and tsconfig files tell the resolver. */
export interface ProjectConfigs {
  /** Workspace package name -> absolute folder. */
  workspaces: Map<string, string>;
  /** Every `compilerOptions.paths` key. */
  aliases: string[];
  /** SHA-256 over every config file's path and content: resolution depends on all of them. */
  hash: string;
  warnings: GraphWarning[];
}

/** Reads the config files a walk found (repo-relative paths under `root`). */
export async function readProjectConfigs(
  oxc: OxcParser,
  root: string,
  configs: readonly string[],
): Promise<ProjectConfigs> {
  const workspaces = new Map<string, string>();
  const aliases = new Set<string>();
  const warnings: GraphWarning[] = [];
  const texts = await Promise.all(configs.map((file) => readFile(join(root, file), 'utf8').catch(() => '')));
  const hash = createHash('sha256');
  configs.forEach((file, i) => {
    hash.update(`${file}\0${texts[i]}\0`);
  });
  for (const [i, file] of configs.entries()) {
    const text = texts[i] ?? '';
    if (file === 'package.json' || file.endsWith('/package.json')) {
      const name = packageJsonName(text);
      if (name === null) {
        warnings.push({ file, message: 'not valid JSON: its exports, imports and name are ignored' });
      } else if (name) workspaces.set(name, dirname(join(root, file)));
      continue;
    }
    // An unreadable tsconfig is reported by the resolver, which is the one that has to use it.
    const config = parseJsonc(oxc, text) as { compilerOptions?: { paths?: unknown } } | undefined;
    const paths = config?.compilerOptions?.paths;
    if (paths && typeof paths === 'object') for (const key of Object.keys(paths)) aliases.add(key);
  }
  return { workspaces, aliases: [...aliases].sort(), hash: hash.digest('hex'), warnings };
}

/** The package name, `undefined` when it has none, `null` when the file is not JSON. */
function packageJsonName(text: string): string | undefined | null {
  try {
    const json = JSON.parse(text) as { name?: unknown };
    return typeof json.name === 'string' ? json.name : undefined;
  } catch {
    return null;
  }
}
