/**
 * YAML parsed with node ranges, so any problem found later (by zod or by a check's parameter
 * schema) is reported at its line: `file:line: path: message`.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { positionOf } from '../../core/index.js';
import type { TemplateIssue } from '../nepa/index.js';

export type PathSegment = string | number;

export interface YamlSource {
  file: string;
  /** The document as plain data; undefined when the YAML does not parse. */
  value: unknown;
  /** YAML syntax errors, with lines. */
  errors: TemplateIssue[];
  /** The 1-based line of the key (or item) at `path`, else of its nearest existing ancestor. */
  lineOf(path: readonly PathSegment[]): number | undefined;
}

/** Parses YAML text; never throws on bad input. */
export function readYaml(text: string, file: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (path: readonly PathSegment[]) => positionOf(doc, lines, path, 'key')?.line;
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((error) => ({
      file,
      line: lines.linePos(error.pos[0]).line,
      path: '',
      message: error.message.split('\n')[0] ?? error.message,
    }));
    return { file, value: undefined, errors, lineOf };
  }
  return { file, value: doc.toJS() ?? {}, errors: [], lineOf };
}

/** Issues of a zod error located in `source`; `prefix` is where the validated value sits. */
export function zodIssues(
  error: z.ZodError,
  source: YamlSource,
  prefix: readonly PathSegment[] = [],
): TemplateIssue[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    let target = path;
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      target = [...path, issue.keys[0] ?? ''];
      message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    }
    return { file: source.file, line: source.lineOf(target), path: path.join('.'), message };
  });
}
