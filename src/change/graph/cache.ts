import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { ExtractedImports, ParseFailure } from './extract.js';
import type { GraphEdge, ImportKind } from './types.js';

/** Bump when what is extracted or resolved changes; a cache of another format is ignored. */
const FORMAT = 2;
const parserVersion = () =>
  (createRequire(import.meta.url)('oxc-parser/package.json') as { version: string }).version;

/** Where a file's imports lead; valid while the project's file set and configs are unchanged. */
export interface FileLinks {
  edges: GraphEdge[];
  /** Specifiers that did not resolve (checked again on every build: they are few). */
  unresolved: string[];
}

/** What one file yielded, keyed by the SHA-256 of its content. */
export type FileRecord = { hash: string; links?: FileLinks } & (
  | { imports: ExtractedImports }
  | { error: ParseFailure }
);

export interface GraphCache {
  /** Fingerprint of the file set and configs the cached links were resolved against. */
  fingerprint: string | undefined;
  files: Map<string, FileRecord>;
}

/** `[specifier, kind, typeOnly]` and `[target, kinds, typeOnly]`: tuples keep a 10,000-file cache small. */
type StoredReference = [string, ImportKind, 0 | 1];
type StoredEdge = [string, ImportKind[], 0 | 1];
type StoredFile = { h: string; t?: StoredEdge[]; u?: string[] } & (
  | { r: StoredReference[]; d?: number }
  | { e: [message: string, line: number, column: number] }
);

interface StoredCache {
  format: number;
  parser: string;
  fingerprint: string;
  files: Record<string, StoredFile>;
}

const empty = (): GraphCache => ({ fingerprint: undefined, files: new Map() });

/**
 * Reads the cache; anything unusable (missing, corrupt, another format or parser version) is an
 * empty cache, never an error: the build just parses everything again.
 */
export async function loadCache(file: string | undefined): Promise<GraphCache> {
  if (!file) return empty();
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as StoredCache;
    if (stored?.format !== FORMAT || stored.parser !== parserVersion()) return empty();
    return { fingerprint: String(stored.fingerprint), files: fromStored(stored.files) };
  } catch {
    // Missing, unreadable, not JSON, or entries of the wrong shape.
    return empty();
  }
}

function fromStored(files: Record<string, StoredFile>): Map<string, FileRecord> {
  const records = new Map<string, FileRecord>();
  for (const [path, entry] of Object.entries(files)) {
    const links: FileLinks | undefined = entry.t
      ? {
          edges: entry.t.map(([to, kinds, typeOnly]) => ({
            to,
            kinds: [...kinds],
            typeOnly: typeOnly === 1,
          })),
          unresolved: entry.u ? [...entry.u] : [],
        }
      : undefined;
    const base = { hash: String(entry.h), ...(links ? { links } : {}) };
    if ('e' in entry) {
      const [message, line, column] = entry.e;
      records.set(path, { ...base, error: { message: String(message), line, column } });
    } else {
      const references = entry.r.map(([specifier, kind, typeOnly]) => ({
        specifier: String(specifier),
        kind,
        typeOnly: typeOnly === 1,
      }));
      records.set(path, { ...base, imports: { references, skippedDynamic: entry.d ?? 0 } });
    }
  }
  return records;
}

/** Writes the cache atomically (temp file + rename), creating its folder. */
export async function saveCache(
  file: string,
  fingerprint: string,
  records: ReadonlyMap<string, FileRecord>,
): Promise<void> {
  const files: Record<string, StoredFile> = {};
  for (const path of [...records.keys()].sort()) {
    const record = records.get(path) as FileRecord;
    const links = record.links
      ? {
          t: record.links.edges.map((e): StoredEdge => [e.to, e.kinds, e.typeOnly ? 1 : 0]),
          ...(record.links.unresolved.length > 0 ? { u: record.links.unresolved } : {}),
        }
      : {};
    if ('error' in record) {
      const { message, line, column } = record.error;
      files[path] = { h: record.hash, e: [message, line, column], ...links };
    } else {
      const { references, skippedDynamic } = record.imports;
      files[path] = {
        h: record.hash,
        r: references.map((r): StoredReference => [r.specifier, r.kind, r.typeOnly ? 1 : 0]),
        ...(skippedDynamic > 0 ? { d: skippedDynamic } : {}),
        ...links,
      };
    }
  }
  const stored: StoredCache = { format: FORMAT, parser: parserVersion(), fingerprint, files };
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(stored));
  await rename(temp, file);
}
