import { CaraError } from '../../core/index.js';
import type { TestAttempt } from './types.js';

/** Longest a quarantine may last, so a flaky test is never silenced for good. */
export const MAX_QUARANTINE_MS = 90 * 24 * 60 * 60 * 1000;

/** A test whose failures are reported but do not block; times are unix milliseconds. */
export interface QuarantineEntry {
  testId: string;
  reason: string;
  addedBy: string;
  addedAt: number;
  expiresAt: number;
}

/** The final outcome of one test in a run, as the gate sees it. */
export interface GateResult {
  testId: string;
  outcome: TestAttempt['outcome'];
}

export interface GateOutcome {
  /** Failed or errored and not quarantined: these fail the run. */
  blockingFailures: string[];
  /** Failed or errored while quarantined: reported, never blocking. */
  quarantinedFailures: string[];
  passed: string[];
}

/** Problems with an entry as plain sentences naming the field; empty when the entry is valid at `now`. */
export function validateEntry(entry: QuarantineEntry, now: number): string[] {
  const problems: string[] = [];
  if (entry.testId.trim() === '') problems.push('testId is empty: name the test to quarantine');
  if (entry.reason.trim() === '') problems.push('reason is required: say why the test is quarantined');
  if (entry.addedBy.trim() === '') problems.push('addedBy is empty: record who quarantined the test');
  if (!Number.isFinite(entry.expiresAt) || entry.expiresAt <= now) {
    problems.push('expiresAt must be in the future');
  } else if (entry.expiresAt - now > MAX_QUARANTINE_MS) {
    problems.push('expiresAt is more than 90 days away: quarantine for at most 90 days');
  }
  return problems;
}

/** Whether `testId` has an entry in force at `now` (added at or before `now`, not yet expired). */
export function isQuarantined(entries: readonly QuarantineEntry[], testId: string, now: number): boolean {
  return entries.some((entry) => entry.testId === testId && entry.addedAt <= now && now < entry.expiresAt);
}

/**
 * Returns a new list with `entry` added, replacing any earlier entry for the same test.
 * Throws a `DATA_INVALID` CaraError listing every problem when the entry is invalid at `now`.
 */
export function addEntry(
  entries: readonly QuarantineEntry[],
  entry: QuarantineEntry,
  now: number,
): QuarantineEntry[] {
  const problems = validateEntry(entry, now);
  if (problems.length > 0) {
    throw new CaraError('DATA_INVALID', `Cannot quarantine "${entry.testId}": ${problems.join('; ')}.`, {
      hint: 'Give a reason and an expiry within 90 days.',
    });
  }
  return [...entries.filter((existing) => existing.testId !== entry.testId), entry];
}

/** Returns a new list without any entry for `testId` (unchanged contents when there is none). */
export function removeEntry(entries: readonly QuarantineEntry[], testId: string): QuarantineEntry[] {
  return entries.filter((entry) => entry.testId !== testId);
}

/**
 * Splits a run's results into blocking failures, quarantined failures and passes.
 * Quarantined tests still run and are reported; only expired or absent quarantines let a failure block.
 */
export function gateOutcome(
  results: readonly GateResult[],
  entries: readonly QuarantineEntry[],
  now: number,
): GateOutcome {
  const outcome: GateOutcome = { blockingFailures: [], quarantinedFailures: [], passed: [] };
  for (const { testId, outcome: result } of results) {
    if (result === 'passed') outcome.passed.push(testId);
    else if (result === 'failed' || result === 'errored') {
      (isQuarantined(entries, testId, now) ? outcome.quarantinedFailures : outcome.blockingFailures).push(
        testId,
      );
    }
  }
  return outcome;
}
