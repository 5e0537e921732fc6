/** Table and targets of bench/judge.ts. */
import type { ScenarioResult } from './judge-run.js';
import { formatTable } from './table.js';

export interface Target {
  name: string;
  pass: boolean;
  detail: string;
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

export function formatJudgeTable(results: readonly ScenarioResult[]): string {
  return formatTable(
    [
      { header: 'scenario' },
      { header: 'latency/side', align: 'right' },
      { header: 'requests/side', align: 'right' },
      { header: '(a) ours', align: 'right' },
      { header: 'inconclusive', align: 'right' },
      { header: '(b) Kayenta core', align: 'right' },
      { header: '(c) Flagger', align: 'right' },
      { header: '(a) sequential', align: 'right' },
      { header: 'median samples to decide', align: 'right' },
    ],
    results.map((r) => [
      `${r.scenario}${r.regression ? '' : ' (FP)'}`,
      String(r.latencySamplesPerSide),
      String(r.requestsPerSide),
      pct(r.ours),
      pct(r.oursInconclusive),
      pct(r.kayenta),
      pct(r.flagger),
      pct(r.sequential),
      r.regression && r.sequentialMedianSamplesToFail !== null
        ? `${r.sequentialMedianSamplesToFail} (fail)`
        : `${r.sequentialMedianSamples}`,
    ]),
  );
}

export function judgeTargets(results: readonly ScenarioResult[]): Target[] {
  const quiet = results.filter((r) => !r.regression);
  const regressions = results.filter((r) => r.regression);
  const worstFp = Math.max(...quiet.map((r) => Math.max(r.ours, r.sequential)));
  const behind = regressions.filter((r) => r.ours < r.kayenta);
  const tagged = regressions.filter((r) => r.tag === 'variance' || r.tag === 'zero-baseline');
  return [
    {
      name: 'false positives <= 1% on no-change (fixed and sequential)',
      pass: worstFp <= 0.01,
      detail: quiet.map((r) => `${r.scenario} ${pct(r.ours)} / ${pct(r.sequential)}`).join('; '),
    },
    {
      name: 'detection >= Kayenta core on every scenario',
      pass: behind.length === 0,
      detail:
        behind.length === 0
          ? 'never behind'
          : behind.map((r) => `${r.scenario} ${pct(r.ours)} < ${pct(r.kayenta)}`).join('; '),
    },
    {
      name: 'detection >= 90% on variance-only and zero-baseline',
      pass: tagged.every((r) => r.ours >= 0.9),
      detail: tagged.map((r) => `${r.scenario} ${pct(r.ours)}`).join('; '),
    },
  ];
}
