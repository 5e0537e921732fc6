/** The NEPA entity validation template as controls: one per NEPA rule, assessed by the NEPA runner. */
import { messageOf } from '../../core/index.js';
import { checkNepa, NEPA_RULES, type NepaReport, type NepaSource } from '../nepa/index.js';
import { type ControlReport, type TemplateReport, totalsOf } from './report.js';
import type { LoadedNepaTemplate } from './template-load.js';

/** Runs the NEPA rules against `source`, or reports every rule not assessed without a database. */
export async function evaluateNepaTemplate(
  loaded: LoadedNepaTemplate,
  source: NepaSource | undefined,
): Promise<{ report: TemplateReport; note: string | undefined; nepa: NepaReport | undefined }> {
  let nepa: NepaReport | undefined;
  let why: string | undefined;
  if (source === undefined) {
    why = 'no database given (--database-url or --pglite)';
  } else {
    try {
      nepa = await checkNepa({ source, templatePath: loaded.file });
    } catch (error) {
      why = `the NEPA run failed: ${messageOf(error)}`;
    }
  }
  const note = why === undefined ? undefined : `${loaded.name}: ${why}, so its rules are not assessed`;
  const controls = NEPA_RULES.map((rule): ControlReport => {
    const setting = loaded.template.rules[rule.id as keyof typeof loaded.template.rules];
    const enabled = setting === undefined || (typeof setting === 'boolean' ? setting : setting.enabled);
    const base = { id: rule.id, title: rule.description, titleSource: 'template' as const, inBaseline: null };
    const outcome = nepa?.rules.find((r) => r.id === rule.id);
    if (!enabled) return { ...base, status: 'not-assessed', reason: 'disabled in the template', rules: [] };
    if (outcome === undefined)
      return { ...base, status: 'not-assessed', reason: why ?? 'not run', rules: [] };
    const status =
      outcome.status === 'pass'
        ? 'pass'
        : outcome.status === 'fail' || outcome.status === 'error'
          ? 'fail'
          : 'not-assessed';
    const reason =
      outcome.status === 'pass'
        ? `no violations (${rule.citation})`
        : outcome.status === 'fail'
          ? `${outcome.violations} violations (${rule.citation})`
          : (outcome.reason ?? outcome.status);
    const evidence = { violations: outcome.violations, citation: rule.citation, database: nepa?.database };
    return {
      ...base,
      status,
      reason,
      rules: [{ check: `nepa:${rule.id}`, status, reason, evidence, line: undefined }],
    };
  });
  return {
    report: {
      name: loaded.name,
      file: loaded.file,
      title: loaded.template.description ?? 'NEPA entity validation',
      kind: 'nepa',
      baseline: null,
      controls,
      totals: totalsOf(controls),
    },
    note,
    nepa,
  };
}
