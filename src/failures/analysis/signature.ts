import { createHash } from 'node:crypto';
import type { RepoStackFrame } from '../stack/index.js';

/** In-repository frames that make up a signature: the innermost few are what tell failures apart. */
export const SIGNATURE_FRAMES = 3;

/**
 * The cluster key of a failure: its message template and its top in-repository stack frames (file
 * and function, not line: an edit above a function must not split its cluster). Frames outside the
 * repository (runtime, dependencies) are left out; a failure with none clusters by template alone.
 */
export function failureSignature(templateId: string, frames: readonly RepoStackFrame[]): string {
  const hash = createHash('sha256').update(templateId);
  for (const frame of topRepoFrames(frames)) hash.update(`\0${frame.repoFile}\0${frame.fn ?? ''}`);
  return hash.digest('hex').slice(0, 16);
}

/** The innermost in-repository frames, at most {@link SIGNATURE_FRAMES}. */
export function topRepoFrames(frames: readonly RepoStackFrame[]): (RepoStackFrame & { repoFile: string })[] {
  return frames
    .filter(
      (frame): frame is RepoStackFrame & { repoFile: string } =>
        frame.repoFile !== undefined && !frame.internal,
    )
    .slice(0, SIGNATURE_FRAMES);
}
