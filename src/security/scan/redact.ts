import { createHash } from 'node:crypto';

/**
 * A secret reduced to something safe to print: at most its first 4 characters (none for short
 * ones) followed by asterisks. The length is not revealed beyond "at most 12 hidden".
 */
export function redact(secret: string): string {
  const visible = secret.length >= 16 ? 4 : secret.length >= 10 ? 2 : 0;
  const head = secret.slice(0, visible).replace(/\s/g, '');
  return `${head}${'*'.repeat(Math.max(4, Math.min(12, secret.length - visible)))}`;
}

/** sha256 of rule id and secret, hex, first 32 chars: identifies a finding without holding the secret. */
export function fingerprint(ruleId: string, secret: string): string {
  return createHash('sha256').update(`${ruleId}\u0000${secret}`).digest('hex').slice(0, 32);
}
