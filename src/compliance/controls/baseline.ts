/**
 * The control baseline named by a template (an OSCAL profile such as FedRAMP Rev 5 Moderate, or
 * a catalog), read in place: which control ids it includes, and titles when it carries them.
 */
import { readFile } from 'node:fs/promises';
import { messageOf } from '../../core/index.js';

export interface Baseline {
  file: string;
  found: boolean;
  /** The document's metadata title, e.g. "FedRAMP Rev 5 Moderate Baseline". */
  title: string | undefined;
  /** Why the baseline could not be read. */
  reason: string | undefined;
  /** Included control ids (OSCAL form: `au-2`, `ac-6.1`). */
  controls: ReadonlySet<string>;
  /** Titles by OSCAL id, from catalogs (profiles carry none: titles live in the catalog they import). */
  titles: ReadonlyMap<string, string>;
}

/** `AU-2` -> `au-2`, `AC-6(1)` -> `ac-6.1`, the id form OSCAL documents use. */
export function oscalControlId(id: string): string {
  return id
    .trim()
    .toLowerCase()
    .replace(/\s*\((\w+)\)/g, '.$1');
}

type Json = Record<string, unknown>;
const records = (value: unknown): Json[] =>
  Array.isArray(value) ? value.filter((v): v is Json => v !== null && typeof v === 'object') : [];

/** Reads an OSCAL profile or catalog; a missing or unreadable file yields `found: false` with the reason. */
export async function readBaseline(file: string): Promise<Baseline> {
  const controls = new Set<string>();
  const titles = new Map<string, string>();
  let document: Json;
  try {
    document = JSON.parse(await readFile(file, 'utf8')) as Json;
  } catch (error) {
    const missing = (error as { code?: string }).code === 'ENOENT';
    return {
      file,
      found: false,
      title: undefined,
      reason: missing ? `${file} is missing` : `${file} cannot be read: ${messageOf(error)}`,
      controls,
      titles,
    };
  }
  const body = (document.profile ?? document.catalog ?? {}) as Json;
  const metadata = (body.metadata ?? {}) as Json;
  for (const imported of records(body.imports)) {
    for (const include of records(imported['include-controls'])) {
      for (const id of Array.isArray(include['with-ids']) ? include['with-ids'] : [])
        controls.add(String(id));
    }
  }
  const walk = (items: unknown) => {
    for (const control of records(items)) {
      if (typeof control.id === 'string') {
        controls.add(control.id);
        if (typeof control.title === 'string') titles.set(control.id, control.title);
      }
      walk(control.controls);
    }
  };
  for (const group of records(body.groups)) walk(group.controls);
  walk(body.controls);
  const found = controls.size > 0;
  return {
    file,
    found,
    title: typeof metadata.title === 'string' ? metadata.title : undefined,
    reason: found ? undefined : `${file} is neither an OSCAL profile nor a catalog with controls`,
    controls,
    titles,
  };
}
