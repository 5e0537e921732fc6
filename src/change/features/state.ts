import { CaraError } from '../../core/errors.js';

/** What the fold remembers about one file (keyed by its current path; renames move it). */
export interface FileHistory {
  /** Lines now, from the sum of numstat deltas (never below 0). */
  lines: number;
  /** Author time of the last change (unix seconds). */
  lastTime: number;
  /** Ids of the authors who changed it, each once. */
  devs: number[];
  /** Sequence numbers of the changes to it, ascending. */
  changes: number[];
  /** Lines changed, decayed with a half-life of `CHURN_HALF_LIFE_DAYS`, as of `lastTime`. */
  churn: number;
}

export interface SubsystemSet {
  ids: number[];
  count: number;
}

/** Records one more change by `author` touching exactly `ids` (distinct subsystem ids). */
export function addSubsystemSet(author: AuthorHistory, ids: readonly number[], count = 1): void {
  if (ids.length === 1) {
    const id = ids[0] as number;
    author.singleSubsystem.set(id, (author.singleSubsystem.get(id) ?? 0) + count);
    return;
  }
  const sorted = [...ids].sort((a, b) => a - b);
  const key = sorted.join(',');
  const entry = author.multiSubsystem.get(key);
  if (entry) entry.count += count;
  else author.multiSubsystem.set(key, { ids: sorted, count });
}

/** What the fold remembers about one author. */
export interface AuthorHistory {
  /** Author times of their changes, ascending. */
  times: number[];
  /** Subsystem id -> how many of their changes touched that subsystem and no other. */
  singleSubsystem: Map<number, number>;
  /** Changes that touched several subsystems, grouped by the exact set (key: ids joined by ','). */
  multiSubsystem: Map<string, SubsystemSet>;
  /** Every directory (at every depth) they changed a file under. */
  areas: Set<string>;
}

export const CHURN_HALF_LIFE_DAYS = 30;

const STATE_VERSION = 1;

/** The whole fold state; `snapshot` turns it into plain JSON. */
export interface FoldState {
  subsystemDepth: number;
  /** Changes folded so far (merges excluded); the next change's sequence number. */
  changes: number;
  lastSha: string | undefined;
  authorIds: Map<string, number>;
  authors: AuthorHistory[];
  subsystemIds: Map<string, number>;
  files: Map<string, FileHistory>;
}

export function emptyState(subsystemDepth: number): FoldState {
  return {
    subsystemDepth,
    changes: 0,
    lastSha: undefined,
    authorIds: new Map(),
    authors: [],
    subsystemIds: new Map(),
    files: new Map(),
  };
}

interface Snapshot {
  version: number;
  subsystemDepth: number;
  changes: number;
  lastSha: string | null;
  authors: { key: string; times: number[]; subsystemSets: [string, number][]; areas: string[] }[];
  subsystems: string[];
  files: [path: string, lines: number, lastTime: number, devs: number[], changes: number[], churn: number][];
}

/** A JSON-serialisable copy of the state. */
export function toSnapshot(state: FoldState): Snapshot {
  const keys = [...state.authorIds.keys()];
  return {
    version: STATE_VERSION,
    subsystemDepth: state.subsystemDepth,
    changes: state.changes,
    lastSha: state.lastSha ?? null,
    authors: state.authors.map((author, id) => ({
      key: keys[id] ?? '',
      times: [...author.times],
      subsystemSets: [
        ...[...author.singleSubsystem].map(([id, count]): [string, number] => [String(id), count]),
        ...[...author.multiSubsystem].map(([key, entry]): [string, number] => [key, entry.count]),
      ],
      areas: [...author.areas],
    })),
    subsystems: [...state.subsystemIds.keys()],
    files: [...state.files].map(([path, f]) => [
      path,
      f.lines,
      f.lastTime,
      [...f.devs],
      [...f.changes],
      f.churn,
    ]),
  };
}

/** Rebuilds the state from `toSnapshot` output; FEATURE_STATE_INVALID for anything else. */
export function fromSnapshot(value: unknown, subsystemDepth: number): FoldState {
  const snapshot = value as Partial<Snapshot> | null;
  if (
    typeof snapshot !== 'object' ||
    snapshot === null ||
    snapshot.version !== STATE_VERSION ||
    !Array.isArray(snapshot.authors) ||
    !Array.isArray(snapshot.files) ||
    !Array.isArray(snapshot.subsystems) ||
    typeof snapshot.changes !== 'number'
  ) {
    throw invalid(`not a feature state of version ${STATE_VERSION}`);
  }
  if (snapshot.subsystemDepth !== subsystemDepth) {
    throw invalid(`it was built with subsystemDepth ${snapshot.subsystemDepth}, not ${subsystemDepth}`);
  }
  const state = emptyState(subsystemDepth);
  state.changes = snapshot.changes;
  state.lastSha = snapshot.lastSha ?? undefined;
  for (const [id, name] of snapshot.subsystems.entries()) state.subsystemIds.set(name, id);
  for (const [id, author] of snapshot.authors.entries()) {
    state.authorIds.set(author.key, id);
    const history: AuthorHistory = {
      times: author.times,
      singleSubsystem: new Map(),
      multiSubsystem: new Map(),
      areas: new Set(author.areas),
    };
    for (const [key, count] of author.subsystemSets)
      addSubsystemSet(history, key.split(',').map(Number), count);
    state.authors.push(history);
  }
  for (const [path, lines, lastTime, devs, changes, churn] of snapshot.files) {
    state.files.set(path, { lines, lastTime, devs, changes, churn });
  }
  return state;
}

function invalid(reason: string): CaraError {
  return new CaraError('FEATURE_STATE_INVALID', `the saved feature state cannot be used: ${reason}`, {
    hint: 'mine the history again from scratch',
  });
}
