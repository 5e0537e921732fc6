/** A single self-contained HTML report: an inline-SVG bar chart per category and the findings. */
import type { RateRow, RedTeamReport } from '../report-types.js';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Horizontal bars, one per row, labelled with the rate; no scripts, no external assets. */
export function barChart(rows: readonly RateRow[]): string {
  const barHeight = 22;
  const labelWidth = 200;
  const chartWidth = 360;
  const height = rows.length * (barHeight + 8) + 8;
  const bars = rows.map((row, i) => {
    const y = 8 + i * (barHeight + 8);
    const width = Math.round(row.rate * chartWidth);
    const colour = row.rate >= 0.5 ? '#c0392b' : row.rate > 0 ? '#e67e22' : '#27ae60';
    return [
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${esc(row.name)}</text>`,
      `<rect x="${labelWidth}" y="${y}" width="${chartWidth}" height="${barHeight}" fill="#eee"/>`,
      `<rect x="${labelWidth}" y="${y}" width="${width}" height="${barHeight}" fill="${colour}"><title>${row.succeeded}/${row.attempted}</title></rect>`,
      `<text x="${labelWidth + chartWidth + 8}" y="${y + 15}">${(row.rate * 100).toFixed(1)}% (${row.succeeded}/${row.attempted})</text>`,
    ].join('');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="attack success rate by category" width="${labelWidth + chartWidth + 140}" height="${height}" font-family="sans-serif" font-size="13">${bars.join('')}</svg>`;
}

/** Renders the whole report as one HTML document. */
export function renderReportHtml(report: RedTeamReport): string {
  const t = report.totals;
  const findings = report.findings
    .map(
      (f) =>
        `<tr class="${f.severity}"><td>${f.severity}</td><td>${esc(f.caseId)}</td><td>${esc(f.owasp.join(', '))}<br>${esc(f.atlas.join(', '))}</td><td>${esc(f.evidence.detector)}</td><td>${esc(f.evidence.why)}</td><td><details><summary>evidence</summary><h4>request</h4><pre>${esc(f.evidence.request)}</pre><h4>response</h4><pre>${esc(f.evidence.responseExcerpt)}</pre></details></td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Red-team report: ${esc(report.target.label)}</title>
<style>body{font-family:sans-serif;margin:2rem;max-width:72rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem;max-height:20rem;overflow:auto}.critical td:first-child{color:#fff;background:#8e1b10}.high td:first-child{background:#e74c3c;color:#fff}.medium td:first-child{background:#f5b041}</style>
</head><body>
<h1>Red-team report</h1>
<p>Target <code>${esc(report.target.kind)} ${esc(report.target.label)}</code>, seed ${report.seed}, started ${esc(report.startedAt)}, ${(report.durationMs / 1000).toFixed(1)} s.</p>
<p><strong>${t.cases}</strong> attacks: <strong>${t.succeeded}</strong> succeeded, ${t.refused} refused, ${t.rejected} rejected, ${t.errors} errors. Attack success rate <strong>${(t.rate * 100).toFixed(1)}%</strong>.</p>
<h2>Attack success rate by category</h2>
${barChart(report.categories)}
<h2>By strategy</h2>
${barChart(report.byStrategy)}
<h2>Findings (${report.findings.length})</h2>
<table><thead><tr><th>severity</th><th>case</th><th>OWASP / ATLAS</th><th>detector</th><th>why</th><th></th></tr></thead><tbody>
${findings}
</tbody></table>
</body></html>
`;
}
