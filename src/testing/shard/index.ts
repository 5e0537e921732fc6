export {
  DEFAULT_DURATION_MS,
  fallbackDuration,
  githubMatrix,
  planShards,
  type Shard,
  type ShardItem,
  type ShardPlan,
  shardFor,
} from './plan.js';
