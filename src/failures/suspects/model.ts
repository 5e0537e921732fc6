import type { RepoStackFrame } from '../stack/index.js';

/** A failure as suspect ranking needs it: which test, and its frames mapped to repository files. */
export interface SuspectFailure {
  /** `file::suite::name`; its file part is taken as the failing test's file unless `testFile` is given. */
  testId?: string;
  /** Repo-relative posix path of the failing test file. */
  testFile?: string;
  stack: readonly RepoStackFrame[];
}

export interface CandidateCommitFile {
  /** Repo-relative posix path after the change. */
  path: string;
  /** Inclusive `[start, end]` line ranges the commit added or changed (new-side numbers); absent when unknown. */
  changedLines?: readonly (readonly [number, number])[];
}

/** A commit between the last green run and the failing one. */
export interface CandidateCommit {
  sha: string;
  subject: string;
  author?: string;
  /** The change-risk model's score in [0, 1]. */
  riskScore?: number;
  files: readonly CandidateCommitFile[];
}

export interface RankSuspectsInput {
  failures: readonly SuspectFailure[];
  commits: readonly CandidateCommit[];
  /** Import-graph distance from a failing test or stack-frame file to a changed file; undefined when unrelated. */
  distance?: (fromFile: string, toFile: string) => number | undefined;
  /** Per test id: how many times before the test failed right after each file changed. */
  coFailures?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /**
   * Coverage evidence (an impact map): does the failing test file execute these lines of `file`
   * (any line of it when `lines` is undefined)?
   */
  covers?: (
    testFile: string,
    file: string,
    lines: readonly (readonly [number, number])[] | undefined,
  ) => boolean;
}

/** One changed file of one commit, with why it is suspected. */
export interface Suspect {
  sha: string;
  file: string;
  score: number;
  /** Short plain sentences, strongest first, e.g. "stack frame src/math.ts:14 is a line this commit changed". */
  evidence: string[];
}

/** The suspects of one commit rolled up: its best file's score and the evidence of its files. */
export interface CommitSuspect {
  sha: string;
  subject: string;
  author?: string;
  score: number;
  /** Its suspected files, most suspected first. */
  files: string[];
  evidence: string[];
}

export interface SuspectRanking {
  suspects: Suspect[];
  commits: CommitSuspect[];
}
