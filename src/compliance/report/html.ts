/**
 * The report as one self-contained HTML page: totals, a table per template, NEPA pass rates as
 * CSS bars, violations, notes and the audit checkpoint. No scripts, no external assets.
 */
import type { CheckStatus } from '../checks/index.js';
import type { ControlReport, TemplateReport } from '../controls/index.js';
import type { NepaReport } from '../nepa/index.js';
import type { ComplianceReportData } from './data.js';

/** Text safe inside HTML elements and double-quoted attributes. */
export function escapeHtml(text: unknown): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const esc = escapeHtml;

const LABEL: Record<CheckStatus, string> = { pass: 'pass', fail: 'fail', 'not-assessed': 'not assessed' };

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1f2328}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
.meta{color:#59636e}.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid #d0d7de;border-radius:8px;padding:.7rem 1.1rem;min-width:8rem}
.card b{display:block;font-size:1.7rem}
.bar{display:flex;height:.9rem;border-radius:4px;overflow:hidden;background:#eaeef2;min-width:10rem}
.bar span{display:block;height:100%}
.s-pass{background:#1a7f37}.s-fail{background:#cf222e}.s-not-assessed{background:#9a6700}
table{border-collapse:collapse;width:100%;margin:.6rem 0}th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}.status{color:#fff;border-radius:10px;padding:.05rem .5rem;font-size:.85em;white-space:nowrap}
details{margin:.2rem 0}summary{cursor:pointer;color:#59636e}
pre{background:#f6f8fa;padding:.6rem;border-radius:6px;overflow:auto;white-space:pre-wrap;word-break:break-all}
.rate{display:flex;align-items:center;gap:.6rem}.rate .bar{flex:1}
`;

const pill = (status: CheckStatus) => `<span class="status s-${status}">${esc(LABEL[status])}</span>`;

function bar(parts: readonly { status: CheckStatus; count: number }[]): string {
  const total = parts.reduce((sum, p) => sum + p.count, 0);
  if (total === 0) return '<div class="bar" role="img" aria-label="no controls"></div>';
  const label = parts.map((p) => `${p.count} ${LABEL[p.status]}`).join(', ');
  const spans = parts
    .filter((p) => p.count > 0)
    .map((p) => `<span class="s-${p.status}" style="width:${((p.count / total) * 100).toFixed(2)}%"></span>`)
    .join('');
  return `<div class="bar" role="img" aria-label="${esc(label)}">${spans}</div>`;
}

function rules(control: ControlReport): string {
  if (control.rules.length === 0) return '';
  const rows = control.rules
    .map(
      (r) =>
        `<tr><td><code>${esc(r.check)}</code>${r.line === undefined ? '' : ` <span class="meta">line ${esc(r.line)}</span>`}</td><td>${pill(r.status)}</td><td>${esc(r.reason)}${
          Object.keys(r.evidence).length > 0 ? `<pre>${esc(JSON.stringify(r.evidence, null, 2))}</pre>` : ''
        }</td></tr>`,
    )
    .join('');
  return `<details><summary>${control.rules.length} rule${control.rules.length === 1 ? '' : 's'} and evidence</summary><table><tr><th>check</th><th>status</th><th>reason and evidence</th></tr>${rows}</table></details>`;
}

function template(t: TemplateReport): string {
  const rows = t.controls
    .map(
      (c) =>
        `<tr><td><code>${esc(c.id)}</code></td><td>${esc(c.title)}</td><td>${pill(c.status)}</td><td>${esc(c.reason)}${rules(c)}</td></tr>`,
    )
    .join('');
  const baseline =
    t.baseline === null
      ? ''
      : `<p class="meta">Baseline: ${esc(t.baseline.title ?? t.baseline.file)}${t.baseline.found ? '' : ` (${esc(t.baseline.reason ?? 'not found')})`}</p>`;
  return `<section><h3>${esc(t.title)} <span class="meta">(${esc(t.name)})</span></h3>
<p class="meta">${esc(t.file)} — ${t.totals.passed} passed, ${t.totals.failed} failed, ${t.totals.notAssessed} not assessed</p>${baseline}
${bar(totalsParts(t.totals))}
<table><tr><th>control</th><th>title</th><th>status</th><th>reason</th></tr>${rows}</table></section>`;
}

const totalsParts = (t: { passed: number; failed: number; notAssessed: number }) => [
  { status: 'pass' as const, count: t.passed },
  { status: 'fail' as const, count: t.failed },
  { status: 'not-assessed' as const, count: t.notAssessed },
];

function nepaSection(nepa: NepaReport | null, hasTemplate: boolean): string {
  if (nepa === null)
    return `<h2>NEPA entities</h2><p>Not assessed: ${
      hasTemplate
        ? 'no NEPA run is available (a database is given with --database-url or --pglite; see the notes)'
        : 'no NEPA template was evaluated'
    }.</p>`;
  const entities = nepa.entities
    .map((e) => {
      const pct = e.passRate === null ? null : e.passRate * 100;
      const figure =
        e.rows === null
          ? 'rows not counted'
          : `${e.rows - e.violatingRows} / ${e.rows} rows${pct === null ? '' : ` (${pct.toFixed(1)}%)`}`;
      const fill =
        pct === null
          ? ''
          : `<span class="s-pass" style="width:${pct.toFixed(2)}%"></span><span class="s-fail" style="width:${(100 - pct).toFixed(2)}%"></span>`;
      return `<tr><td>${esc(e.entity)}</td><td><code>${esc(e.table)}</code></td><td><div class="rate"><div class="bar" role="img" aria-label="${esc(figure)}">${fill}</div><span>${esc(figure)}</span></div></td></tr>`;
    })
    .join('');
  const violations =
    nepa.violations.length === 0
      ? '<p>No violations.</p>'
      : `<table><tr><th>rule</th><th>entity</th><th>row</th><th>severity</th><th>detail</th><th>citation</th></tr>${nepa.violations
          .map(
            (v) =>
              `<tr><td><code>${esc(v.rule)}</code></td><td>${esc(v.entity)} <span class="meta">${esc(v.table)}</span></td><td>${esc(v.seedKey ?? v.rowId ?? '—')}</td><td>${esc(v.severity)}</td><td>${esc(v.detail)}</td><td>${esc(v.citation)}</td></tr>`,
          )
          .join('')}</table>`;
  const listed =
    nepa.totals.violations > nepa.violations.length
      ? `<p class="meta">${nepa.violations.length} of ${nepa.totals.violations} violations listed.</p>`
      : '';
  return `<h2>NEPA entities</h2><p class="meta">${esc(nepa.database)} — ${nepa.conformant ? 'conformant' : 'not conformant'}, ${nepa.totals.violations} violations</p>
<table><tr><th>entity</th><th>table</th><th>rows without a data-rule violation</th></tr>${entities}</table>
<h2>Violations</h2>${listed}${violations}`;
}

/** Renders the whole report as one HTML document; every value from the data is escaped. */
export function renderComplianceHtml(data: ComplianceReportData): string {
  const t = data.totals;
  const card = (label: string, value: number, status?: CheckStatus) =>
    `<div class="card">${status === undefined ? '' : pill(status)} <b>${value}</b>${esc(label)}</div>`;
  const notes =
    data.notes.length === 0
      ? ''
      : `<h2>Notes</h2><ul>${data.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`;
  const cp = data.checkpoint;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Compliance report — ${esc(data.generatedAt)}</title><style>${STYLE}</style></head><body>
<h1>Compliance report</h1>
<p class="meta">${esc(data.root)} — checked ${esc(data.checkedAt)} by ${esc(data.generator.name)} ${esc(data.generator.version)} — ${data.ok ? 'no control failed' : 'controls failed'}</p>
<h2>Summary</h2>
<div class="cards">${card('controls', t.controls)}${card('passed', t.passed, 'pass')}${card('failed', t.failed, 'fail')}${card('not assessed', t.notAssessed, 'not-assessed')}${card('templates', t.templates)}</div>
${bar(totalsParts(t))}
<h2>Templates</h2>
${data.templates.map(template).join('\n')}
${nepaSection(
  data.nepa,
  data.templates.some((x) => x.kind === 'nepa'),
)}
${notes}
<h2>Audit checkpoint</h2>
<p>Computed against the audit log at ${cp.size} events, Merkle root <code>${esc(cp.rootHash)}</code>, signed ${esc(cp.createdAt)} by key <code>${esc(cp.keyId)}</code>. Verify with <code>cara audit verify</code>.</p>
<pre>${esc(cp.note)}</pre>
</body></html>
`;
}
