/** The target interface every kind implements, and the per-attack error it throws. */
import type { AttackCase, TargetResponse } from '../types.js';

/** Something that can be attacked: it takes a case and reports what came back. */
export interface Target {
  kind: string;
  /** A human label (URL or name) for reports. */
  label: string;
  /** Cases it can take at once; 1 when cases share state such as a tool log. */
  maxConcurrency?: number;
  send(attack: AttackCase): Promise<TargetResponse>;
}

/** A failure of one attack (timeout, HTML instead of JSON, 5xx...): recorded, never fatal to a run. */
export class TargetError extends Error {
  constructor(
    readonly reason: 'timeout' | 'network' | 'status' | 'format' | 'throttled' | 'rejected',
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TargetError';
  }
}

/** Shared settings for network targets. */
export interface NetworkOptions {
  timeoutMs?: number;
  /** Response bodies are cut at this many bytes (default 1 MiB). */
  maxBytes?: number;
  /** Retries after a 429 (default 3). */
  maxRetries?: number;
  headers?: Record<string, string>;
  /** Injected for tests: how the target waits before a retry. */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}
