import { describe, expect, it } from 'vitest';
import { type ClusterInput, clusterFailures } from './clusters.js';

const base: Omit<ClusterInput, 'signature' | 'analysisId' | 'at'> = {
  template: 'Error: connect ECONNREFUSED <*>',
  message: 'Error: connect ECONNREFUSED 127.0.0.1:4000',
  runId: undefined,
  testId: 'src/a.test.ts::a::b',
  logFile: 'ci.log',
  lineNo: 3,
  frames: ['src/a.ts:4'],
};

const record = (signature: string, analysisId: string, at: string): ClusterInput => ({
  ...base,
  signature,
  analysisId,
  at,
});

describe('clusterFailures', () => {
  const records = [
    record('s1', 'a1', '2026-11-01T00:00:00Z'),
    record('s2', 'a1', '2026-11-01T00:00:00Z'),
    record('s1', 'a2', '2026-11-02T00:00:00Z'),
    record('s3', 'a2', '2026-11-02T00:00:00Z'),
    record('s3', 'a2', '2026-11-02T00:00:00Z'),
  ];

  it('groups by signature with counts, first and last seen, and the analysis view', () => {
    const clusters = clusterFailures(records, 'a2');
    expect(clusters.map((c) => [c.signature, c.count, c.inAnalysis, c.isNew])).toEqual([
      ['s3', 2, 2, true],
      ['s1', 2, 1, false],
      ['s2', 1, 0, false],
    ]);
    expect(clusters[1]).toMatchObject({
      firstSeen: '2026-11-01T00:00:00Z',
      lastSeen: '2026-11-02T00:00:00Z',
      tests: ['src/a.test.ts::a::b'],
      logs: ['ci.log:3'],
    });
  });

  it('calls everything new in the first analysis, and nothing new without one', () => {
    expect(
      clusterFailures(records, 'a1')
        .filter((c) => c.isNew)
        .map((c) => c.signature),
    ).toEqual(['s1', 's2']);
    expect(clusterFailures(records).some((c) => c.isNew)).toBe(false);
  });
});
