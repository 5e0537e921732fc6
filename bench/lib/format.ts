const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1234567 -> "1,234,567". */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** Events (or anything) per second, rounded to a whole number. */
export function formatRate(perSecond: number, unit = 'events/s'): string {
  return `${formatCount(perSecond)} ${unit}`;
}

/** Milliseconds with three significant decimals below 10 ms, fewer above. */
export function formatMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(3)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** A duration for progress lines: "12.3 s" or "4 min 05 s". */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}
