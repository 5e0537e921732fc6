import type { Allowlist } from './allowlist.js';
import type { SecretDetector } from './types.js';

/** Files larger than this are not scanned (and are listed as skipped): 1 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/** Bytes looked at for a NUL to decide a file is binary (as git does). */
export const BINARY_SNIFF_BYTES = 8000;

export interface SecretScanOptions {
  detectors?: readonly SecretDetector[];
  allowlist?: Allowlist;
  maxFileBytes?: number;
  /** Run every rule on every path (no lockfile / test-fixture relaxation). */
  allRules?: boolean;
  /** Paths never scanned (the allowlist files themselves). */
  ignorePaths?: readonly string[];
}

/** True when the buffer has a NUL byte in its first BINARY_SNIFF_BYTES. */
export function isBinary(buffer: Uint8Array): boolean {
  return buffer.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}
