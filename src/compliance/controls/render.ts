/** Human output of `cara compliance check`: one table per template, then the totals and notes. */
import type { CheckStatus } from '../checks/index.js';
import type { ComplianceCheckReport } from './report.js';

export interface RenderComplianceStyle {
  paint(colour: 'red' | 'green' | 'yellow' | 'dim' | 'bold', text: string): string;
  table(rows: readonly (readonly string[])[], header?: readonly string[]): string;
}

const colourOf = { pass: 'green', fail: 'red', 'not-assessed': 'yellow' } as const satisfies Record<
  CheckStatus,
  string
>;

/** The report as text: per template a table of control, title, status and reason. */
export function renderComplianceReport(report: ComplianceCheckReport, style: RenderComplianceStyle): string {
  const out: string[] = [];
  for (const template of report.templates) {
    const t = template.totals;
    out.push(style.paint('bold', `${template.name}: ${template.title}`));
    if (template.baseline?.found)
      out.push(style.paint('dim', `baseline: ${template.baseline.title ?? template.baseline.file}`));
    out.push(
      style.table(
        template.controls.map((c) => [
          c.id,
          c.title.length > 48 ? `${c.title.slice(0, 47)}…` : c.title,
          style.paint(colourOf[c.status], c.status),
          c.reason,
        ]),
        ['control', 'title', 'status', 'reason'],
      ),
    );
    out.push(`${t.passed} passed, ${t.failed} failed, ${t.notAssessed} not assessed`, '');
  }
  for (const note of report.notes) out.push(style.paint('yellow', `note: ${note}`));
  const t = report.totals;
  const summary = `${t.templates} templates, ${t.controls} controls: ${t.passed} passed, ${t.failed} failed, ${t.notAssessed} not assessed`;
  out.push(report.ok ? style.paint('green', summary) : style.paint('red', summary));
  return out.join('\n');
}
