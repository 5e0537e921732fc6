/** The human-readable NEPA report: per-entity pass rates, rule outcomes and every violation. */
import type { NepaReport } from './report.js';

export interface RenderStyle {
  paint(colour: 'red' | 'green' | 'yellow' | 'dim', text: string): string;
  table(rows: readonly (readonly string[])[], header?: readonly string[]): string;
}

const percent = (rate: number | null) => (rate === null ? '-' : `${(rate * 100).toFixed(1)}%`);

/** Renders `report` as lines of text (tables; colour through `style`). */
export function renderNepaReport(report: NepaReport, style: RenderStyle): string {
  const out: string[] = [];
  const verdict = report.conformant
    ? style.paint('green', 'CONFORMANT')
    : style.paint('red', 'NOT CONFORMANT');
  const t = report.totals;
  out.push(`${verdict}  ${report.database}`);
  out.push(
    `${t.rules} rules: ${t.passed} passed, ${t.failed} failed, ${t.notAssessed} not assessed, ${t.disabled} disabled, ${t.errors} errors; ${t.violations} violations`,
    '',
  );
  out.push(
    style.table(
      report.entities.map((e) => [
        e.entity,
        e.table,
        e.rows === null ? 'missing' : String(e.rows),
        String(e.violatingRows),
        percent(e.passRate),
      ]),
      ['entity', 'table', 'rows', 'violating', 'pass rate'],
    ),
    '',
  );
  const notable = report.rules.filter((rule) => rule.status !== 'pass');
  if (notable.length > 0) {
    out.push(
      style.table(
        notable.map((rule) => [rule.id, rule.status, String(rule.violations), rule.reason ?? rule.citation]),
        ['rule', 'status', 'violations', 'reason / citation'],
      ),
      '',
    );
  }
  if (report.violations.length > 0) {
    out.push(
      style.table(
        report.violations.map((v) => [
          v.table,
          v.rowId ?? '-',
          v.seedKey ?? '',
          v.rule,
          v.citation,
          v.detail,
        ]),
        ['table', 'row', 'seed_key', 'rule', 'citation', 'detail'],
      ),
    );
  }
  return out.join('\n');
}
