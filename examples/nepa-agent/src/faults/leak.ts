/**
 * A deliberate memory leak: retains LEAK_MB_PER_MIN megabytes a minute in buffers that are never
 * freed, so resident memory and the leak gauge climb the way a real leak would.
 */

export interface LeakOptions {
  mbPerMinute: number;
  /** How often a slice is retained; default one second. */
  intervalMs?: number;
  /** Called with the total retained bytes after every slice. */
  onChange?: (retainedBytes: number) => void;
}

export class MemoryLeak {
  private readonly chunks: Buffer[] = [];
  private retained = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly intervalMs: number;

  constructor(private readonly options: LeakOptions) {
    this.intervalMs = options.intervalMs ?? 1000;
  }

  /** Bytes retained so far. */
  get retainedBytes(): number {
    return this.retained;
  }

  /** Starts leaking; does nothing when the rate is 0. */
  start(): void {
    if (this.options.mbPerMinute <= 0 || this.timer !== undefined) return;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** Retains one interval's worth of memory (filled, so the pages are really resident). */
  tick(): void {
    const bytes = Math.round((this.options.mbPerMinute * 1024 * 1024 * this.intervalMs) / 60_000);
    if (bytes <= 0) return;
    this.chunks.push(Buffer.alloc(bytes, 0x4c));
    this.retained += bytes;
    this.options.onChange?.(this.retained);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
