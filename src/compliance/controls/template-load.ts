/**
 * Reads compliance templates: YAML with lines, the template schema, then every rule's check looked
 * up in the registry and its parameters validated by that check's own schema. A bad template is
 * rejected with COMPLIANCE_TEMPLATE_INVALID naming the file, the line and the reason.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { CaraError } from '../../core/index.js';
import {
  COMPLIANCE_CHECK_IDS,
  CONTROL_STATUS_CHECK,
  type ComplianceCheck,
  complianceCheck,
} from '../checks/index.js';
import {
  formatTemplateIssue,
  NEPA_RULE_IDS,
  type NepaTemplate,
  parseTemplate,
  type TemplateIssue,
} from '../nepa/index.js';
import { type ControlsTemplate, controlsTemplateSchema } from './template-schema.js';
import { readYaml, type YamlSource, zodIssues } from './yaml-source.js';

export interface LoadedRule {
  check: ComplianceCheck;
  /** Parsed by the check's schema, defaults filled in. */
  parameters: unknown;
  line: number | undefined;
}

export interface LoadedControl {
  id: string;
  title: string | undefined;
  description: string | undefined;
  rules: LoadedRule[];
  line: number | undefined;
}

export interface LoadedControlsTemplate {
  kind: 'controls';
  file: string;
  name: string;
  template: ControlsTemplate;
  controls: LoadedControl[];
  source: YamlSource;
}

/** The NEPA entity validation template, evaluated by the NEPA runner. */
export interface LoadedNepaTemplate {
  kind: 'nepa';
  file: string;
  name: string;
  template: NepaTemplate;
}

export type LoadedTemplate = LoadedControlsTemplate | LoadedNepaTemplate;

export interface ParseComplianceTemplateResult {
  template: LoadedTemplate | undefined;
  errors: TemplateIssue[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A NEPA template has no controls; it maps tables and agencies (or is named nepa-*). */
function looksLikeNepa(value: unknown, file: string): boolean {
  if (isRecord(value) && 'controls' in value) return false;
  return (
    basename(file).startsWith('nepa-') || (isRecord(value) && ('agencies' in value || 'tables' in value))
  );
}

/** Parses one template's text; returns it or every issue (never throws on bad input). */
export function parseComplianceTemplate(text: string, file: string): ParseComplianceTemplateResult {
  const source = readYaml(text, file);
  if (source.errors.length > 0) return { template: undefined, errors: source.errors };
  const name = basename(file, extname(file));
  if (looksLikeNepa(source.value, file)) {
    const nepa = parseTemplate(text, file);
    return nepa.template === undefined
      ? { template: undefined, errors: nepa.errors }
      : { template: { kind: 'nepa', file, name, template: nepa.template }, errors: [] };
  }
  const parsed = controlsTemplateSchema.safeParse(source.value);
  if (!parsed.success) return { template: undefined, errors: zodIssues(parsed.error, source) };
  const errors: TemplateIssue[] = [];
  const controls = parsed.data.controls.map(
    (control, i): LoadedControl => ({
      id: control.id,
      title: control.title,
      description: control.description,
      line: source.lineOf(['controls', i]),
      rules: control.rules.flatMap((rule, j): LoadedRule[] => {
        const at = ['controls', i, 'rules', j] as const;
        const check = complianceCheck(rule.check);
        if (check === undefined) {
          errors.push({
            file,
            line: source.lineOf([...at, 'check']),
            path: [...at, 'check'].join('.'),
            message: `unknown check "${rule.check}" (known: ${COMPLIANCE_CHECK_IDS.join(', ')})`,
          });
          return [];
        }
        const parameters = check.parameters.safeParse(rule.parameters);
        if (!parameters.success) {
          errors.push(...zodIssues(parameters.error, source, [...at, 'parameters']));
          return [];
        }
        return [{ check, parameters: parameters.data, line: source.lineOf([...at]) }];
      }),
    }),
  );
  if (errors.length > 0) return { template: undefined, errors };
  return {
    template: { kind: 'controls', file, name: parsed.data.name, template: parsed.data, controls, source },
    errors: [],
  };
}

/** Every `*.yml`/`*.yaml` file of a folder, sorted. */
export async function templateFilesIn(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    throw new CaraError('USAGE', `Cannot read the template folder ${dir}.`, {
      hint: 'give the folder with --templates-dir, or templates with --template FILE',
      cause: error,
    });
  }
  return entries
    .filter((entry) => /\.ya?ml$/i.test(entry))
    .sort()
    .map((entry) => join(dir, entry));
}

/**
 * Reads and validates templates, then the references between them.
 * Throws COMPLIANCE_TEMPLATE_INVALID listing every issue with its file and line.
 */
export async function loadComplianceTemplates(files: readonly string[]): Promise<LoadedTemplate[]> {
  const templates: LoadedTemplate[] = [];
  const errors: TemplateIssue[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new CaraError('USAGE', `Cannot read the template ${file}.`, {
        hint: 'check the path given to --template or --templates-dir',
        cause: error,
      });
    }
    const result = parseComplianceTemplate(text, file);
    if (result.template !== undefined) templates.push(result.template);
    errors.push(...result.errors);
  }
  errors.push(...crossReferenceIssues(templates));
  if (errors.length > 0) {
    throw new CaraError(
      'COMPLIANCE_TEMPLATE_INVALID',
      `Invalid compliance template:\n${errors.map(formatTemplateIssue).join('\n')}`,
      { hint: 'fix the lines above; the JSON Schema next to each template lists every check and parameter' },
    );
  }
  return templates;
}

/** Control ids of a template, as other templates may reference them. */
export function controlIdsOf(template: LoadedTemplate): string[] {
  return template.kind === 'controls' ? template.controls.map((c) => c.id) : [...NEPA_RULE_IDS];
}

/** Duplicate names, and `controls.status` rules naming a control their (loaded) template lacks. */
function crossReferenceIssues(templates: readonly LoadedTemplate[]): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const byName = new Map<string, LoadedTemplate>();
  for (const template of templates) {
    const other = byName.get(template.name);
    if (other !== undefined)
      issues.push({
        file: template.file,
        line: 1,
        path: 'name',
        message: `template name ${template.name} is also used by ${other.file}`,
      });
    byName.set(template.name, template);
  }
  for (const template of templates) {
    if (template.kind !== 'controls') continue;
    template.template.controls.forEach((control, i) => {
      control.rules.forEach((rule, j) => {
        if (rule.check !== CONTROL_STATUS_CHECK) return;
        const parameters = rule.parameters as { template: string; controls: string[] };
        const target = byName.get(parameters.template);
        if (target === undefined) return; // not part of this run: reported as not assessed
        const known = new Set(controlIdsOf(target).map((id) => id.toLowerCase()));
        parameters.controls.forEach((id, k) => {
          if (known.has(id.toLowerCase())) return;
          const path = ['controls', i, 'rules', j, 'parameters', 'controls', k];
          issues.push({
            file: template.file,
            line: template.source.lineOf(path),
            path: path.join('.'),
            message: `template ${parameters.template} has no control "${id}"`,
          });
        });
      });
    });
  }
  return issues;
}
