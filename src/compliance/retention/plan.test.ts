import { describe, expect, it } from 'vitest';
import { configSchema } from '../../core/index.js';
import { decideSeries, holdActive, type RetentionConfig } from './plan.js';

const NOW = new Date('2027-01-01T00:00:00.000Z');
const config = (retention: unknown): RetentionConfig => configSchema.parse({ retention }).retention;
const record = (key: string, time: string, subjects: string[] = [key], agency?: string) => ({
  key,
  time,
  subjects,
  agency,
});

describe('decideSeries', () => {
  it('keeps audit events younger than the AU-11 minimum whatever the policy says', () => {
    const plan = decideSeries(
      'audit-events',
      [record('0', '2026-01-01T00:00:00.000Z'), record('1', '2026-12-01T00:00:00.000Z')],
      config({ policies: [{ series: 'audit-events', days: 7 }] }),
      NOW,
    );
    expect(plan.expiring.map((r) => r.key)).toEqual(['0']);
    expect(plan.heldByMinimum.map((r) => r.key)).toEqual(['1']);
  });

  it('the minimum applies only to audit events', () => {
    const plan = decideSeries(
      'test-runs',
      [record('r', '2026-12-01T00:00:00.000Z')],
      config({ policies: [{ series: 'test-runs', days: 7 }] }),
      NOW,
    );
    expect(plan.expiring).toHaveLength(1);
  });

  it("an agency's policy wins for its records; others fall back to the policy without one", () => {
    const plan = decideSeries(
      'nepa-records',
      [
        record('doe', '2026-11-01T00:00:00.000Z', ['doe'], 'DOE'),
        record('epa', '2026-11-01T00:00:00.000Z', ['epa'], 'EPA'),
      ],
      {
        ...config({}),
        policies: [
          { series: 'nepa-records' as never, days: 30 },
          { series: 'nepa-records' as never, days: 365, agency: 'DOE' },
        ],
      },
      NOW,
    );
    expect(plan.expiring.map((r) => r.key)).toEqual(['epa']);
  });

  it('a legal hold keeps what it matches until its last day; without a subject it holds the series', () => {
    const holds = [
      { series: 'deployments' as const, subject: 'api@1.0.0', until: '2027-01-01', reason: 'FOIA' },
      { series: 'deployments' as const, subject: 'api@0.9.0', until: '2026-12-31', reason: 'lapsed' },
    ];
    const records = [
      record('d1', '2020-01-01T00:00:00.000Z', ['d1', 'api@1.0.0']),
      record('d2', '2020-01-01T00:00:00.000Z', ['d2', 'api@0.9.0']),
    ];
    const plan = decideSeries(
      'deployments',
      records,
      config({ policies: [{ series: 'deployments', days: 30 }], legalHolds: holds }),
      NOW,
    );
    expect(plan.held.map((h) => h.record.key)).toEqual(['d1']);
    expect(plan.expiring.map((r) => r.key)).toEqual(['d2']);
    const all = decideSeries(
      'deployments',
      records,
      config({
        policies: [{ series: 'deployments', days: 30 }],
        legalHolds: [{ series: 'deployments', reason: 'investigation' }],
      }),
      NOW,
    );
    expect(all.expiring).toHaveLength(0);
    expect(holdActive(holds[0] as never, new Date('2027-01-01T23:59:59.000Z'))).toBe(true);
    expect(holdActive(holds[0] as never, new Date('2027-01-02T00:00:00.000Z'))).toBe(false);
  });

  it('rejects two policies for the same series and agency', () => {
    const result = configSchema.safeParse({
      retention: {
        policies: [
          { series: 'test-runs', days: 1 },
          { series: 'test-runs', days: 2 },
        ],
      },
    });
    expect(result.error?.issues[0]?.message).toMatch(/one policy per series and agency/);
  });
});
