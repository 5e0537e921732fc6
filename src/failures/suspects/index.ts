export type {
  CandidateCommit,
  CandidateCommitFile,
  CommitSuspect,
  RankSuspectsInput,
  Suspect,
  SuspectFailure,
  SuspectRanking,
} from './model.js';
export { rankSuspects } from './rank.js';
