const SECRET_KEY = /pass(word|phrase)?|secret|token|api[-_]?key|authorization|credential|private[-_]?key|cookie|session/i;
const MAX_DEPTH = 20;

/**
 * Replaces values under secret-looking keys with "[redacted]" before details reach the log,
 * which is append-only: a secret written there could never be taken back.
 */
export function redactDetails(details: Record<string, unknown>): Record<string, unknown> {
  return redact(details, 0) as Record<string, unknown>;
}

function redact(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && v !== null && v !== undefined && v !== '' ? '[redacted]' : redact(v, depth + 1);
  }
  return out;
}
