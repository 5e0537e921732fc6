export { type BlamedLine, type BlameOptions, blameLines } from './blame.js';
export {
  type ChangedFile,
  type ChangedFilesOptions,
  changedFiles,
  commitChangedFiles,
  filesChangedBetween,
} from './changed-lines.js';
export { type CommitRecord, type FileChange, STAGED, WORKING_TREE } from './commit.js';
export { deletedLines, type FileDeletions, type OldLine } from './diff-lines.js';
export { commitsInRange, historyInfo, type RepoHistoryInfo, resolveCommit } from './history-info.js';
export { findRepoRoot, gitConfigValue, trackedFiles } from './repo.js';
export { type RunGitOptions, runGit } from './run.js';
export { readCommit, type StreamCommitsOptions, streamCommits } from './stream-commits.js';
export { type UncommittedChangeOptions, uncommittedChange } from './uncommitted.js';
