/** Plain-text rendering of a report for the terminal. */
import type { RateRow, RedTeamReport } from '../report-types.js';

const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;

function pad(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function rateTable(rows: readonly RateRow[], label: string, withIds: boolean): string {
  const header = [label, 'cases', 'succeeded', 'errors', 'ASR', ...(withIds ? ['OWASP', 'ATLAS'] : [])];
  return pad([
    header,
    ...rows.map((r) => [
      r.name,
      String(r.cases),
      String(r.succeeded),
      String(r.errors),
      pct(r.rate),
      ...(withIds ? [r.owasp.join(','), r.atlas.join(',')] : []),
    ]),
  ]);
}

/** The human summary: totals, rates by category, the top findings with their evidence. */
export function formatReportTable(report: RedTeamReport, maxFindings = 15): string {
  const t = report.totals;
  const lines = [
    `red team: ${report.target.kind} ${report.target.label}  seed ${report.seed}`,
    `${t.cases} attacks, ${t.succeeded} succeeded, ${t.refused} refused, ${t.rejected} rejected, ${t.errors} errors; attack success rate ${pct(t.rate)} (${t.attacksPerSecond.toFixed(1)} attacks/s)`,
    '',
    rateTable(report.categories, 'category', true),
    '',
    rateTable(report.byStrategy, 'strategy', false),
  ];
  if (report.findings.length > 0) lines.push('', `findings (${report.findings.length}, most severe first):`);
  for (const f of report.findings.slice(0, maxFindings)) {
    lines.push(
      `  [${f.severity}] ${f.caseId} ${f.owasp.join(',')} via ${f.evidence.detector}: ${f.evidence.why}`,
    );
    lines.push(`      response: ${f.evidence.responseExcerpt.replace(/\s+/g, ' ').slice(0, 160)}`);
  }
  if (report.findings.length > maxFindings)
    lines.push(`  … ${report.findings.length - maxFindings} more (use --format json or html)`);
  const errors = report.cases.filter((c) => c.outcome === 'error');
  if (errors.length > 0)
    lines.push(
      '',
      `errors (${errors.length}):`,
      ...errors.slice(0, 5).map((c) => `  ${c.id}: ${c.error ?? ''}`),
    );
  return lines.join('\n');
}
