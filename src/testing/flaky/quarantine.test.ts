import { describe, expect, it } from 'vitest';
import { isCaraError } from '../../core/index.js';
import {
  addEntry,
  gateOutcome,
  isQuarantined,
  MAX_QUARANTINE_MS,
  type QuarantineEntry,
  removeEntry,
  validateEntry,
} from './quarantine.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 0, 15);

function entry(overrides: Partial<QuarantineEntry> = {}): QuarantineEntry {
  return {
    testId: 'api > retries',
    reason: 'flaky: passed on retry in 3 of 20 runs',
    addedBy: 'ana',
    addedAt: NOW,
    expiresAt: NOW + 14 * DAY,
    ...overrides,
  };
}

describe('quarantine', () => {
  it('lets a quarantined flaky failure through while reporting it', () => {
    const entries = addEntry([], entry(), NOW);
    const results = [
      { testId: 'api > retries', outcome: 'failed' as const },
      { testId: 'api > auth', outcome: 'passed' as const },
      { testId: 'api > skipped', outcome: 'skipped' as const },
    ];
    expect(gateOutcome(results, entries, NOW + DAY)).toEqual({
      blockingFailures: [],
      quarantinedFailures: ['api > retries'],
      passed: ['api > auth'],
    });
  });

  it('blocks again once the quarantine has expired', () => {
    const entries = addEntry([], entry(), NOW);
    const later = NOW + 14 * DAY;
    expect(isQuarantined(entries, 'api > retries', later - 1)).toBe(true);
    expect(isQuarantined(entries, 'api > retries', later)).toBe(false);
    expect(gateOutcome([{ testId: 'api > retries', outcome: 'errored' }], entries, later)).toEqual({
      blockingFailures: ['api > retries'],
      quarantinedFailures: [],
      passed: [],
    });
  });

  it('blocks failures of tests that are not quarantined', () => {
    const entries = addEntry([], entry(), NOW);
    expect(gateOutcome([{ testId: 'api > auth', outcome: 'failed' }], entries, NOW).blockingFailures).toEqual(
      ['api > auth'],
    );
  });

  it('adds and removes without mutating, one entry per test', () => {
    const first = addEntry([], entry(), NOW);
    const second = addEntry(first, entry({ reason: 'still flaky', expiresAt: NOW + 30 * DAY }), NOW);
    expect(first).toHaveLength(1);
    expect(second).toEqual([entry({ reason: 'still flaky', expiresAt: NOW + 30 * DAY })]);
    const removed = removeEntry(second, 'api > retries');
    expect(removed).toEqual([]);
    expect(second).toHaveLength(1);
    expect(isQuarantined(removed, 'api > retries', NOW)).toBe(false);
  });

  it('requires a reason and an expiry in the future within 90 days', () => {
    expect(validateEntry(entry(), NOW)).toEqual([]);
    expect(validateEntry(entry({ reason: '  ' }), NOW)).toEqual([
      'reason is required: say why the test is quarantined',
    ]);
    expect(validateEntry(entry({ expiresAt: NOW }), NOW)).toEqual(['expiresAt must be in the future']);
    expect(validateEntry(entry({ expiresAt: NOW + MAX_QUARANTINE_MS }), NOW)).toEqual([]);
    expect(validateEntry(entry({ expiresAt: NOW + MAX_QUARANTINE_MS + 1 }), NOW)).toEqual([
      'expiresAt is more than 90 days away: quarantine for at most 90 days',
    ]);
  });

  it('refuses an invalid entry with a DATA_INVALID error naming every problem', () => {
    let caught: unknown;
    try {
      addEntry([], entry({ reason: '', expiresAt: NOW - 1 }), NOW);
    } catch (error) {
      caught = error;
    }
    expect(isCaraError(caught) && caught.code).toBe('DATA_INVALID');
    expect((caught as Error).message).toMatch(/reason is required.*expiresAt must be in the future/);
  });
});
