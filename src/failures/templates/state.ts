import { CaraError } from '../../core/errors.js';

/** Version of {@link MinerState}; bumped when the shape changes. */
export const STATE_VERSION = 1;

/** One template as persisted: its id, tokens (with `<*>` for variables) and line count. */
export interface ClusterState {
  id: string;
  tokens: string[];
  count: number;
}

/** Plain JSON state of a miner, to persist in a database and resume from. */
export interface MinerState {
  version: typeof STATE_VERSION;
  /** Next number used to name a template id (`t1`, `t2`, ...). */
  nextId: number;
  clusters: ClusterState[];
  /** Ids of templates merged into another one: old id -> surviving id. */
  aliases: Record<string, string>;
}

/** An empty state: what a new miner starts from. */
export function emptyState(): MinerState {
  return { version: STATE_VERSION, nextId: 1, clusters: [], aliases: {} };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function invalid(field: string, problem: string): CaraError {
  return new CaraError('DATA_INVALID', `Template miner state: ${field} ${problem}.`, {
    hint: 'The stored state is damaged or from another version; start a new miner and mine the logs again.',
  });
}

/**
 * Checks that `value` is a {@link MinerState}, naming the first bad field.
 * Throws `CaraError('DATA_INVALID')` rather than letting a damaged state corrupt later mining.
 */
export function validateState(value: unknown): MinerState {
  if (!isRecord(value)) throw invalid('the state', 'is not an object');
  if (value.version !== STATE_VERSION)
    throw invalid('version', `is ${String(value.version)}, expected ${STATE_VERSION}`);
  const { nextId, clusters, aliases } = value;
  if (typeof nextId !== 'number' || !Number.isSafeInteger(nextId) || nextId < 1) {
    throw invalid('nextId', 'is not a whole number of at least 1');
  }
  if (!Array.isArray(clusters)) throw invalid('clusters', 'is not an array');
  const ids = new Set<string>();
  clusters.forEach((cluster: unknown, i) => {
    const at = `clusters[${i}]`;
    if (!isRecord(cluster)) throw invalid(at, 'is not an object');
    if (typeof cluster.id !== 'string' || cluster.id === '')
      throw invalid(`${at}.id`, 'is not a non-empty string');
    if (ids.has(cluster.id)) throw invalid(`${at}.id`, `repeats "${cluster.id}"`);
    ids.add(cluster.id);
    const { tokens, count } = cluster;
    // An empty list is the template of blank lines.
    if (!Array.isArray(tokens) || !tokens.every((t) => typeof t === 'string' && t !== '')) {
      throw invalid(`${at}.tokens`, 'is not an array of non-empty strings');
    }
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
      throw invalid(`${at}.count`, 'is not a whole number');
    }
  });
  if (!isRecord(aliases)) throw invalid('aliases', 'is not an object');
  for (const [from, to] of Object.entries(aliases)) {
    if (typeof to !== 'string' || !ids.has(to)) throw invalid(`aliases.${from}`, 'does not name a template');
  }
  return value as unknown as MinerState;
}
