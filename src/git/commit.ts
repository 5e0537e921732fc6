/** One file in a commit's numstat. */
export interface FileChange {
  /** Path after the change (the new name of a renamed file). */
  path: string;
  /** Path before a rename or copy; absent otherwise. */
  oldPath?: string;
  /** Lines added; null for a binary file. */
  added: number | null;
  /** Lines deleted; null for a binary file. */
  deleted: number | null;
}

/** A commit as mined from `git log`: metadata plus the numstat of its diff against its parent. */
export interface CommitRecord {
  sha: string;
  parents: string[];
  /** Author name and email after `.mailmap`, so one person with two addresses counts once. */
  authorName: string;
  authorEmail: string;
  /** Unix seconds. */
  authorTime: number;
  /** Unix seconds. */
  committerTime: number;
  /** Full message (subject and body), trailing newlines removed. */
  message: string;
  /** Empty for merges: git log shows no diff for them, and features and training skip them. */
  files: FileChange[];
  isMerge: boolean;
}

/** Pseudo-shas of `uncommittedChange`. */
export const WORKING_TREE = 'WORKING';
export const STAGED = 'STAGED';
