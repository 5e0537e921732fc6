import { Worker } from 'node:worker_threads';
import { LeafChecker, type RootTarget } from './leaf-checker.js';
import type { VerifyFailure } from './verify-failure.js';
import { packRows } from './verify-pack.js';

export interface LeafRow {
  seq: number;
  leaf: string;
  hashes: Buffer;
}

/** Where verify sends leaves, in index order: checked inline, or in a worker thread. */
export interface LeafSink {
  /** The first failure found so far, if any (a worker may report it a few batches late). */
  add(rows: readonly LeafRow[]): Promise<VerifyFailure | undefined>;
  /** Waits for every leaf sent to be checked. */
  finish(): Promise<{ size: number; failure: VerifyFailure | undefined }>;
}

export function inlineSink(targets: readonly RootTarget[]): LeafSink {
  const checker = new LeafChecker(targets);
  let failure = checker.checkRoots();
  return {
    async add(rows) {
      for (const row of rows) {
        if (failure) break;
        failure = checker.add(row.leaf, row.hashes);
      }
      return failure;
    },
    async finish() {
      return { size: checker.size, failure };
    },
  };
}

const MAX_IN_FLIGHT = 3;

/**
 * Hashing in a worker thread while this thread reads the next rows. The worker is the compiled
 * `verify-worker.js` beside this file (or the TypeScript source, run through tsx, in tests).
 */
export function workerSink(targets: readonly RootTarget[]): LeafSink {
  const fromSource = import.meta.url.endsWith('.ts');
  const script = new URL(`./verify-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  // From source (tests), register tsx's loader inside the worker before importing the script.
  const worker = fromSource
    ? new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script.href)}); });`,
        { eval: true },
      )
    : new Worker(script);
  let failure: VerifyFailure | undefined;
  let inFlight = 0;
  let error: Error | undefined;
  let wake: (() => void) | undefined;
  let done: ((size: number) => void) | undefined;
  const nudge = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  worker.on(
    'message',
    (message: { ack?: boolean; failure?: VerifyFailure; done?: boolean; size?: number }) => {
      if (message.failure) failure ??= message.failure;
      if (message.ack) inFlight--;
      if (message.done) done?.(message.size ?? 0);
      nudge();
    },
  );
  worker.on('error', (e) => {
    error = e;
    nudge();
    done?.(0);
  });
  worker.postMessage({ targets: targets.map((t) => ({ ...t, root: Uint8Array.from(t.root) })) });
  return {
    async add(rows) {
      while (inFlight >= MAX_IN_FLIGHT && !error && !failure) await new Promise<void>((r) => (wake = r));
      if (error) throw error;
      if (failure) return failure;
      const packed = packRows(rows);
      inFlight++;
      worker.postMessage({ batch: packed }, [packed.buffer]);
      return failure;
    },
    async finish() {
      const size = await new Promise<number>((resolve) => {
        done = resolve;
        worker.postMessage({ end: true });
      });
      await worker.terminate();
      if (error) throw error;
      return { size, failure };
    },
  };
}
