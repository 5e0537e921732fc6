import type { Detection } from '../types.js';
import type { Detector } from './detector.js';

const HUGE_REPLY = 200_000;

/** Resource abuse: a reply far slower than the benign baseline, or an amplified (huge) reply. */
export const resourceDetector: Detector = {
  id: 'resource',
  description: 'unbounded consumption: latency far above the baseline, or an amplified reply',
  detect(attack, response, ctx) {
    const factor = attack.goal.latencyFactor;
    if (factor === undefined) return [];
    const found: Detection[] = [];
    const slowest = Math.max(0, ...response.turns.map((t) => t.latencyMs));
    const baseline = ctx.baselineLatencyMs;
    if (baseline !== undefined && slowest > 1000 && slowest > factor * baseline) {
      found.push({
        severity: 'medium',
        decisive: true,
        excerpt: `${Math.round(slowest)} ms against a ${Math.round(baseline)} ms baseline`,
        why: `the reply took ${Math.round(slowest / Math.max(1, baseline))}x the benign baseline`,
      });
    }
    const size = Math.max(0, ...response.turns.map((t) => t.text.length));
    if (size > HUGE_REPLY || response.notes.some((n) => n.startsWith('response cut'))) {
      found.push({
        severity: 'medium',
        decisive: true,
        excerpt: `${size} characters`,
        why: 'the reply was amplified past the size cap',
      });
    }
    return found;
  },
};
