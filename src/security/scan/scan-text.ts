import { type Allowlist, EMPTY_ALLOWLIST, INLINE_ALLOW, isSecretAllowed } from './allowlist.js';
import { builtinDetectors, rulesById } from './detectors/index.js';
import type { PathPolicy } from './path-policy.js';
import { fingerprint, redact } from './redact.js';
import { type RawMatch, type SecretDetector, type SecretFinding, SPECIFICITY_RANK } from './types.js';

export interface ScanTextOptions {
  /** Repo-relative path, reported with each finding. */
  path: string;
  detectors?: readonly SecretDetector[];
  allowlist?: Allowlist;
  /** `specific` runs only provider and structural rules (see `pathPolicy`). */
  policy?: PathPolicy;
  /** Line number of the text's first line minus one (history blocks start mid-file). */
  lineOffset?: number;
}

export interface ScanTextResult {
  findings: SecretFinding[];
  /** Matches dropped by the allowlist or an inline `cara:allow-secret` comment. */
  allowed: number;
}

/** The longest preview line printed; longer lines are cut around the secret. */
const PREVIEW_WIDTH = 160;

/**
 * Finds the secrets in one text. Pure: no I/O. Overlapping matches keep the most specific rule
 * (an AWS key inside `secret = "…"` is reported once, as AWS); the secret itself never leaves this
 * function, only its redacted preview and fingerprint.
 */
export function scanText(text: string, options: ScanTextOptions): ScanTextResult {
  const detectors = options.detectors ?? builtinDetectors;
  const allowlist = options.allowlist ?? EMPTY_ALLOWLIST;
  const rules = rulesById(detectors);
  const minRank = options.policy === 'specific' ? SPECIFICITY_RANK.structural : 0;
  const rank = (m: RawMatch) => SPECIFICITY_RANK[rules.get(m.ruleId)?.specificity ?? 'entropy'];
  const candidates = detectors
    .flatMap((d) => d.detect(text))
    .filter((m) => rank(m) >= minRank)
    .sort((a, b) => rank(b) - rank(a) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: RawMatch[] = [];
  for (const m of candidates) {
    if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  }
  kept.sort((a, b) => (a.at ?? a.start) - (b.at ?? b.start));
  const lines = lineStarts(text);
  const findings: SecretFinding[] = [];
  let allowed = 0;
  for (const m of kept) {
    const secret = text.slice(m.start, m.end);
    const print = fingerprint(m.ruleId, secret);
    const at = m.at ?? m.start;
    const lineIndex = lineOf(lines, at);
    if (isSecretAllowed(allowlist, m.ruleId, print, secret) || inlineAllowed(text, lines, lineIndex)) {
      allowed++;
      continue;
    }
    findings.push({
      ruleId: m.ruleId,
      severity: rules.get(m.ruleId)?.severity ?? 'medium',
      path: options.path,
      line: lineIndex + 1 + (options.lineOffset ?? 0),
      column: at - (lines[lineIndex] ?? 0) + 1,
      preview: preview(text, lines, lineIndex, kept, at),
      fingerprint: print,
    });
  }
  return { findings, allowed };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Index of the line holding `offset` (binary search over line starts). */
function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function lineText(text: string, starts: readonly number[], index: number): string {
  const start = starts[index] ?? text.length;
  const next = starts[index + 1];
  return text.slice(start, next === undefined ? text.length : next - 1).replace(/\r$/, '');
}

function inlineAllowed(text: string, starts: readonly number[], index: number): boolean {
  if (lineText(text, starts, index).includes(INLINE_ALLOW)) return true;
  return index > 0 && lineText(text, starts, index - 1).includes(INLINE_ALLOW);
}

/** The finding's line with every kept match on it redacted, trimmed and cut to PREVIEW_WIDTH. */
function preview(
  text: string,
  starts: readonly number[],
  index: number,
  matches: readonly RawMatch[],
  at: number,
): string {
  const lineStart = starts[index] ?? 0;
  const raw = lineText(text, starts, index);
  const lineEnd = lineStart + raw.length;
  const spans = matches
    .filter((m) => m.start < lineEnd && m.end > lineStart)
    .map((m) => [Math.max(m.start, lineStart) - lineStart, Math.min(m.end, lineEnd) - lineStart] as const)
    .sort((a, b) => a[0] - b[0]);
  let out = '';
  let cursor = 0;
  let focus = at - lineStart;
  for (const [start, end] of spans) {
    if (start < cursor) continue;
    out += raw.slice(cursor, start);
    if (start <= at - lineStart && at - lineStart < end) focus = out.length;
    out += redact(raw.slice(start, end));
    cursor = end;
  }
  out += raw.slice(cursor);
  if (out.length <= PREVIEW_WIDTH) return out.trim();
  const from = Math.max(0, focus - 60);
  return `${from > 0 ? '…' : ''}${out.slice(from, from + PREVIEW_WIDTH).trim()}…`;
}
