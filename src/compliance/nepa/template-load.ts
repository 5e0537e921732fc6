/**
 * Reads a NEPA validation template: YAML parsed with node ranges, validated by zod, every problem
 * reported with the file, the line and the reason.
 */
import { readFile } from 'node:fs/promises';
import { type Document, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { CaraError, positionOf } from '../../core/index.js';
import { type NepaTemplate, nepaTemplateSchema } from './template-schema.js';

/** One problem in a template, with its 1-based line when known. */
export interface TemplateIssue {
  file: string;
  line: number | undefined;
  path: string;
  message: string;
}

export interface ParseTemplateResult {
  template: NepaTemplate | undefined;
  errors: TemplateIssue[];
}

/** Parses template text; returns the template or every issue (never throws on bad input). */
export function parseTemplate(text: string, file: string): ParseTemplateResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      template: undefined,
      errors: doc.errors.map((error) => ({
        file,
        line: lineCounter.linePos(error.pos[0]).line,
        path: '',
        message: error.message.split('\n')[0] ?? error.message,
      })),
    };
  }
  const result = nepaTemplateSchema.safeParse(doc.toJS() ?? {});
  if (result.success) return { template: result.data, errors: [] };
  return {
    template: undefined,
    errors: result.error.issues.map((issue) => toIssue(issue, doc, lineCounter, file)),
  };
}

/** Formats an issue as `file:line: path: message`. */
export function formatTemplateIssue(issue: TemplateIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  return `${where}: ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`;
}

/**
 * Reads and validates the template at `path`.
 * Throws CONFIG_INVALID listing every issue with its line, or USAGE when the file cannot be read.
 */
export async function loadTemplate(path: string): Promise<NepaTemplate> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CaraError('USAGE', `Cannot read the template ${path}.`, {
      hint: 'check the path given to --template',
      cause: error,
    });
  }
  const { template, errors } = parseTemplate(text, path);
  if (template === undefined) {
    throw new CaraError(
      'CONFIG_INVALID',
      `Invalid NEPA template:\n${errors.map(formatTemplateIssue).join('\n')}`,
      {
        hint: 'fix the lines above; the JSON Schema next to the template lists every rule and parameter',
      },
    );
  }
  return template;
}

function toIssue(issue: z.core.$ZodIssue, doc: Document, lines: LineCounter, file: string): TemplateIssue {
  const path = issue.path.map(String);
  let message = issue.message;
  let target = path;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    target = [...path, key];
    const what = path[0] === 'rules' && path.length === 1 ? 'unknown rule' : 'unknown key';
    message = `${what}${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return {
    file,
    line: positionOf(doc, lines, target, 'key')?.line,
    path: path.join('.'),
    message,
  };
}
