import type { AuditLog } from '../../src/audit/index.js';
import { benchEvent, benchEvents } from './audit-fixture.js';
import { checkInterrupt } from './cleanup.js';
import { perSecond, timed } from './timing.js';

export interface AppendMeasurement {
  mode: 'single' | 'batch';
  /** Events per transaction. */
  batch: number;
  events: number;
  ms: number;
  eventsPerSecond: number;
}

export interface MeasureAppendsOptions {
  singles: number;
  batched: number;
  batchSize: number;
  /** Untimed single appends first, so statement caches and the JIT are warm. */
  warmup: number;
  /** Checked every 100 single appends and after every batch. */
  signal?: AbortSignal;
}

/**
 * Append throughput on one store: `record` one event per transaction, then `recordMany` in batches.
 * Both run against the same, growing log, as a long-lived store would see them.
 */
export async function measureAppends(
  audit: AuditLog,
  options: MeasureAppendsOptions,
): Promise<AppendMeasurement[]> {
  let next = 0;
  for (let i = 0; i < options.warmup; i++) await audit.record(benchEvent(next++));
  const single = await timed(async () => {
    for (let i = 0; i < options.singles; i++) {
      await audit.record(benchEvent(next++));
      if (i % 100 === 99) await checkInterrupt(options.signal);
    }
  });
  const batches = await timed(async () => {
    for (let done = 0; done < options.batched; done += options.batchSize) {
      const count = Math.min(options.batchSize, options.batched - done);
      await audit.recordMany(benchEvents(next, count));
      next += count;
      await checkInterrupt(options.signal);
    }
  });
  return [
    {
      mode: 'single',
      batch: 1,
      events: options.singles,
      ms: single.ms,
      eventsPerSecond: perSecond(options.singles, single.ms),
    },
    {
      mode: 'batch',
      batch: options.batchSize,
      events: options.batched,
      ms: batches.ms,
      eventsPerSecond: perSecond(options.batched, batches.ms),
    },
  ];
}
