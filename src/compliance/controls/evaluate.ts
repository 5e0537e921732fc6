/**
 * Evaluates loaded templates: every rule's check runs with its parameters, controls combine their
 * rules, and templates that reference other templates' controls run after them.
 */
import { dirname, resolve } from 'node:path';
import { messageOf } from '../../core/index.js';
import { type CheckContext, type CheckResult, CONTROL_STATUS_CHECK } from '../checks/index.js';
import type { NepaReport, NepaSource } from '../nepa/index.js';
import { type Baseline, oscalControlId, readBaseline } from './baseline.js';
import { evaluateNepaTemplate } from './nepa-template.js';
import {
  type ComplianceCheckReport,
  type ControlReport,
  combine,
  type TemplateReport,
  totalsOf,
} from './report.js';
import type { LoadedControlsTemplate, LoadedTemplate } from './template-load.js';

/** What checks read, shared by every template of a run. */
export type RunContext = Omit<CheckContext, 'template' | 'controls' | 'memo' | 'nepaSource'>;

export interface EvaluateTemplatesOptions {
  templates: readonly LoadedTemplate[];
  context: RunContext;
  /** The NEPA database; without it the NEPA template's rules are not assessed. */
  nepaSource?: NepaSource | undefined;
  /** Receives the NEPA run behind the NEPA template's controls (its per-entity figures). */
  onNepaReport?: ((report: NepaReport) => void) | undefined;
}

const references = (template: LoadedTemplate) =>
  template.kind === 'controls' &&
  template.controls.some((control) => control.rules.some((rule) => rule.check.id === CONTROL_STATUS_CHECK));

/** Runs every template and returns the report; checks that cannot run are reported as not assessed. */
export async function evaluateTemplates(options: EvaluateTemplatesOptions): Promise<ComplianceCheckReport> {
  const reports = new Map<string, TemplateReport>();
  const notes: string[] = [];
  const memos = new Map<string, Promise<unknown>>();
  const memo = <T>(key: string, compute: () => Promise<T>): Promise<T> => {
    let value = memos.get(key) as Promise<T> | undefined;
    if (value === undefined) {
      value = compute();
      memos.set(key, value);
    }
    return value;
  };
  const ordered = [
    ...options.templates.filter((t) => !references(t)),
    ...options.templates.filter(references),
  ];
  for (const template of ordered) {
    if (template.kind === 'nepa') {
      const { report, note, nepa } = await evaluateNepaTemplate(template, options.nepaSource);
      if (note !== undefined) notes.push(note);
      if (nepa !== undefined) options.onNepaReport?.(nepa);
      reports.set(template.name, report);
      continue;
    }
    const context: CheckContext = {
      ...options.context,
      template: { file: template.file, name: template.name, retention: template.template.retention },
      nepaSource: options.nepaSource,
      controls: { template: (name) => reports.get(name) },
      memo,
    };
    const report = await evaluateControlsTemplate(template, context);
    if (report.baseline !== null && !report.baseline.found)
      notes.push(
        `${template.name}: baseline ${report.baseline.reason}; control ids are not confirmed against it and titles are not from it`,
      );
    const outside = report.controls.filter((c) => c.inBaseline === false).map((c) => c.id);
    if (outside.length > 0)
      notes.push(
        `${template.name}: ${outside.join(', ')} not in ${report.baseline?.title ?? 'the baseline'}`,
      );
    reports.set(template.name, report);
  }
  const templates = options.templates.map((t) => reports.get(t.name)).filter((r) => r !== undefined);
  const totals = totalsOf(templates.flatMap((t) => t.controls));
  return {
    ok: totals.failed === 0,
    checkedAt: options.context.now().toISOString(),
    totals: { templates: templates.length, ...totals },
    templates,
    notes,
  };
}

async function evaluateControlsTemplate(
  loaded: LoadedControlsTemplate,
  ctx: CheckContext,
): Promise<TemplateReport> {
  const baseline =
    loaded.template.baseline === undefined
      ? undefined
      : await readBaseline(resolve(dirname(loaded.file), loaded.template.baseline.profile));
  const controls: ControlReport[] = [];
  for (const control of loaded.controls) {
    const rules = [];
    for (const rule of control.rules) {
      const result = await runCheck(() => rule.check.run(ctx, rule.parameters));
      rules.push({ check: rule.check.id, ...result, line: rule.line });
    }
    controls.push({ ...identify(control, baseline), ...combine(rules), rules });
  }
  return {
    name: loaded.name,
    file: loaded.file,
    title: loaded.template.title,
    kind: 'controls',
    baseline:
      baseline === undefined
        ? null
        : {
            file: baseline.file,
            found: baseline.found,
            title: baseline.title ?? null,
            reason: baseline.reason ?? null,
          },
    controls,
    totals: totalsOf(controls),
  };
}

function identify(
  control: { id: string; title: string | undefined },
  baseline: Baseline | undefined,
): Pick<ControlReport, 'id' | 'title' | 'titleSource' | 'inBaseline'> {
  const oscalId = oscalControlId(control.id);
  const fromBaseline = baseline?.titles.get(oscalId);
  const inBaseline = baseline === undefined || !baseline.found ? null : baseline.controls.has(oscalId);
  if (fromBaseline !== undefined)
    return { id: control.id, title: fromBaseline, titleSource: 'baseline', inBaseline };
  if (control.title !== undefined)
    return { id: control.id, title: control.title, titleSource: 'template', inBaseline };
  return { id: control.id, title: 'unknown', titleSource: 'unknown', inBaseline };
}

async function runCheck(run: () => Promise<CheckResult>): Promise<CheckResult> {
  try {
    return await run();
  } catch (error) {
    return { status: 'not-assessed', reason: `the check could not run: ${messageOf(error)}`, evidence: {} };
  }
}
