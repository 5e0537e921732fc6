import type { CommitRecord, FileChange } from '../../git/index.js';
import type { ChangeFeatures, ExtraFeature, FeatureOptions } from './features.js';
import { DEFAULT_FIX_PATTERNS, isFixMessage } from './fix-patterns.js';
import { ancestorsOf, directoryOf, extensionOf, fileKind, subsystemOf } from './paths.js';
import {
  type AuthorHistory,
  addSubsystemSet,
  CHURN_HALF_LIFE_DAYS,
  emptyState,
  type FileHistory,
  type FoldState,
  fromSnapshot,
  toSnapshot,
} from './state.js';

const DAY = 86_400;
const YEAR = 365.25 * DAY;
const CHURN_DECAY = Math.LN2 / (CHURN_HALF_LIFE_DAYS * DAY);

/** The identity experience is counted under: the email (after .mailmap), else the name. */
export function authorKey(commit: Pick<CommitRecord, 'authorEmail' | 'authorName'>): string {
  const email = commit.authorEmail.trim().toLowerCase();
  return email === '' ? `name:${commit.authorName.trim()}` : email;
}

/**
 * Folds commits oldest-first into the history Kamei's metrics need. `add` returns the features
 * of a commit computed from the state BEFORE it, then updates the state; `peek` does the first
 * half only (for uncommitted changes and what-ifs). Pure: no I/O, no clock.
 */
export class FeatureExtractor {
  private state: FoldState;
  private readonly fixPatterns: readonly RegExp[];
  private readonly depth: number;
  /** Scratch marks for counting distinct changes (nuc) and developers (ndev) without allocating sets. */
  private changeMarks: Int32Array = new Int32Array(1024);
  private devMarks: Int32Array = new Int32Array(64);
  private subsystemMarks: Int32Array = new Int32Array(64);
  private mark = 0;

  constructor(options: FeatureOptions = {}) {
    this.fixPatterns = options.fixPatterns ?? DEFAULT_FIX_PATTERNS;
    this.depth = options.subsystemDepth ?? 1;
    if (!Number.isInteger(this.depth) || this.depth < 1) {
      throw new RangeError(`subsystemDepth must be a whole number of at least 1, got ${this.depth}`);
    }
    this.state = emptyState(this.depth);
  }

  /** Rebuilds an extractor from `snapshot()` output (the same `subsystemDepth` is required). */
  static restore(state: unknown, options: FeatureOptions = {}): FeatureExtractor {
    const extractor = new FeatureExtractor(options);
    extractor.state = fromSnapshot(state, extractor.depth);
    return extractor;
  }

  /** The last commit added (the `since` for incremental mining); undefined before any. */
  get lastSha(): string | undefined {
    return this.state.lastSha;
  }

  /** Non-merge commits folded so far. */
  get changeCount(): number {
    return this.state.changes;
  }

  /** Features of `commit` from the history before it, then adds it to the history. */
  add(commit: CommitRecord): ChangeFeatures {
    const features = this.peek(commit);
    if (!commit.isMerge) this.update(commit);
    this.state.lastSha = commit.sha;
    return features;
  }

  /** Features of `commit` from the history so far, leaving the history unchanged. */
  peek(commit: CommitRecord): ChangeFeatures {
    const files = commit.isMerge ? [] : commit.files;
    const time = commit.authorTime;
    const authorId = this.state.authorIds.get(authorKey(commit));
    const author = authorId === undefined ? undefined : this.state.authors[authorId];
    const subsystems = new Set<string>();
    const directories = new Set<string>();
    const fileTypes: Record<string, number> = {};
    const extra = emptyExtra();
    const churns: number[] = [];
    let la = 0;
    let ld = 0;
    let lt = 0;
    let ageDays = 0;
    let aged = 0;
    let nuc = 0;
    let ndev = 0;
    let testChurn = 0;
    let codeChurn = 0;
    const mark = this.nextMark();
    for (const file of files) {
      const binary = file.added === null || file.deleted === null;
      const churn = (file.added ?? 0) + (file.deleted ?? 0);
      la += file.added ?? 0;
      ld += file.deleted ?? 0;
      if (churn > 0) churns.push(churn);
      subsystems.add(subsystemOf(file.path, this.depth));
      directories.add(directoryOf(file.path));
      const extension = extensionOf(file.path);
      fileTypes[extension] = (fileTypes[extension] ?? 0) + 1;
      const kind = fileKind(file.path);
      extra[`${kind}Files`]++;
      if (kind === 'test') testChurn += churn;
      else if (kind === 'code') codeChurn += churn;
      if (binary) extra.binaryFiles++;
      if (file.oldPath !== undefined) extra.renamedFiles++;
      const history = this.state.files.get(file.oldPath ?? file.path);
      if (!history) {
        extra.newFiles++;
        continue;
      }
      lt += history.lines;
      const since = Math.max(0, time - history.lastTime);
      ageDays += since / DAY;
      aged++;
      extra.hotspotChurn = Math.max(extra.hotspotChurn, history.churn * Math.exp(-CHURN_DECAY * since));
      nuc += countUnmarked(this.changeMarks, history.changes, mark);
      ndev += countUnmarked(this.devMarks, history.devs, mark);
    }
    const entropy = entropyOf(churns);
    extra.entropyNormalised = churns.length > 1 ? entropy / Math.log2(churns.length) : 0;
    extra.testRatio = testChurn + codeChurn > 0 ? testChurn / (testChurn + codeChurn) : 0;
    const sortedSubsystems = [...subsystems].sort();
    return {
      ns: subsystems.size,
      nd: directories.size,
      nf: files.length,
      entropy,
      la,
      ld,
      lt,
      fix: isFixMessage(commit.message, this.fixPatterns) ? 1 : 0,
      ndev,
      age: aged > 0 ? ageDays / aged : 0,
      nuc,
      exp: author?.times.length ?? 0,
      rexp: author ? recentExperience(author.times, time) : 0,
      sexp: author ? this.subsystemExperience(author, sortedSubsystems, mark) : 0,
      extra,
      fileTypes,
      context: {
        subsystems: sortedSubsystems,
        newAreasForAuthor: author ? newAreas(author, files) : [],
      },
    };
  }

  /** A JSON-serialisable copy of the history, for `restore`. */
  snapshot(): unknown {
    return toSnapshot(this.state);
  }

  private update(commit: CommitRecord): void {
    const state = this.state;
    const seq = state.changes++;
    const time = commit.authorTime;
    const key = authorKey(commit);
    let authorId = state.authorIds.get(key);
    if (authorId === undefined) {
      authorId = state.authors.length;
      state.authorIds.set(key, authorId);
      state.authors.push({
        times: [],
        singleSubsystem: new Map(),
        multiSubsystem: new Map(),
        areas: new Set(),
      });
    }
    const author = state.authors[authorId] as AuthorHistory;
    insertSorted(author.times, time);
    const subsystemIds = new Set<number>();
    for (const file of commit.files) {
      const name = subsystemOf(file.path, this.depth);
      let id = state.subsystemIds.get(name);
      if (id === undefined) {
        id = state.subsystemIds.size;
        state.subsystemIds.set(name, id);
      }
      subsystemIds.add(id);
      for (const area of ancestorsOf(file.path)) author.areas.add(area);
    }
    if (subsystemIds.size > 0) addSubsystemSet(author, [...subsystemIds]);
    // Look every old path up before moving any, so that swapped names (a -> b, b -> a) stay right.
    const histories = commit.files.map((file) => state.files.get(file.oldPath ?? file.path));
    for (const file of commit.files) if (file.oldPath !== undefined) state.files.delete(file.oldPath);
    for (const [i, file] of commit.files.entries()) {
      const history = histories[i] ?? { lines: 0, lastTime: time, devs: [], changes: [], churn: 0 };
      applyChange(history, file, time, authorId, seq);
      if (file.added === 0 && (file.deleted ?? 0) > 0 && history.lines === 0) state.files.delete(file.path);
      else state.files.set(file.path, history);
    }
  }

  /** A fresh mark for one `peek`, with mark tables large enough for every change and author id. */
  private nextMark(): number {
    this.changeMarks = grown(this.changeMarks, this.state.changes);
    this.devMarks = grown(this.devMarks, this.state.authors.length);
    this.mark = this.mark === 0x7fffffff ? 1 : this.mark + 1;
    if (this.mark === 1) {
      this.changeMarks.fill(0);
      this.devMarks.fill(0);
      this.subsystemMarks.fill(0);
    }
    return this.mark;
  }

  /** The author's earlier changes that touched any of `subsystems`, each counted once. */
  private subsystemExperience(author: AuthorHistory, subsystems: readonly string[], mark: number): number {
    this.subsystemMarks = grown(this.subsystemMarks, this.state.subsystemIds.size);
    let total = 0;
    for (const name of subsystems) {
      const id = this.state.subsystemIds.get(name);
      if (id === undefined) continue;
      this.subsystemMarks[id] = mark;
      total += author.singleSubsystem.get(id) ?? 0;
    }
    if (total === 0 && author.multiSubsystem.size === 0) return 0;
    for (const entry of author.multiSubsystem.values()) {
      for (const id of entry.ids) {
        if (this.subsystemMarks[id] === mark) {
          total += entry.count;
          break;
        }
      }
    }
    return total;
  }
}

/** Counts the ids in `ids` not yet marked with `mark` in `marks`, marking them. */
function countUnmarked(marks: Int32Array, ids: readonly number[], mark: number): number {
  let count = 0;
  for (const id of ids) {
    if (marks[id] !== mark) {
      marks[id] = mark;
      count++;
    }
  }
  return count;
}

/** `marks`, or a copy at least `size` long (doubling, so growth is amortised). */
function grown(marks: Int32Array, size: number): Int32Array {
  if (marks.length >= size) return marks;
  let length = marks.length;
  while (length < size) length *= 2;
  const copy = new Int32Array(length);
  copy.set(marks);
  return copy;
}

function emptyExtra(): Record<ExtraFeature, number> {
  return {
    codeFiles: 0,
    testFiles: 0,
    docFiles: 0,
    configFiles: 0,
    binaryFiles: 0,
    newFiles: 0,
    renamedFiles: 0,
    testRatio: 0,
    hotspotChurn: 0,
    entropyNormalised: 0,
  };
}

function applyChange(
  history: FileHistory,
  file: FileChange,
  time: number,
  authorId: number,
  seq: number,
): void {
  const churn = (file.added ?? 0) + (file.deleted ?? 0);
  const since = Math.max(0, time - history.lastTime);
  history.churn = history.churn * Math.exp(-CHURN_DECAY * since) + churn;
  history.lines = Math.max(0, history.lines + (file.added ?? 0) - (file.deleted ?? 0));
  history.lastTime = Math.max(history.lastTime, time);
  if (!history.devs.includes(authorId)) history.devs.push(authorId);
  history.changes.push(seq);
}

/** Shannon entropy in bits of the distribution of `weights` (all > 0). */
export function entropyOf(weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  if (total === 0 || weights.length < 2) return 0;
  let h = 0;
  for (const w of weights) {
    const p = w / total;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * Sum over earlier changes of 1/(n+1), n = whole years between that change and `now`; `times`
 * ascending. Walks the non-empty one-year bands from the newest with binary searches.
 */
export function recentExperience(times: readonly number[], now: number): number {
  let total = 0;
  let upper = times.length;
  while (upper > 0) {
    const newest = times[upper - 1] as number;
    let years = Math.max(0, Math.floor((now - newest) / YEAR));
    // Times in (now - (years + 1) * YEAR, newest] are `years` old; the loop guards against rounding.
    let lower = firstAbove(times, now - (years + 1) * YEAR, upper);
    while (lower === upper) lower = firstAbove(times, now - (++years + 1) * YEAR, upper);
    total += (upper - lower) / (years + 1);
    upper = lower;
  }
  return total;
}

/** The first index in [0, end) whose time is above `bound` (times ascending). */
function firstAbove(times: readonly number[], bound: number, end: number): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) > bound) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function insertSorted(times: number[], time: number): void {
  let at = times.length;
  while (at > 0 && (times[at - 1] as number) > time) at--;
  if (at === times.length) times.push(time);
  else times.splice(at, 0, time);
}

/** The shallowest directories of `files` the author never touched (deduplicated, sorted). */
function newAreas(author: AuthorHistory, files: readonly FileChange[]): string[] {
  const found = new Set<string>();
  for (const file of files) {
    for (const area of ancestorsOf(file.path)) {
      if (!author.areas.has(area)) {
        found.add(area);
        break;
      }
    }
  }
  return [...found].sort();
}
