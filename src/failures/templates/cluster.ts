/** A template as the miner holds it. */
export interface Cluster {
  id: string;
  tokens: string[];
  count: number;
  template: string;
  /** Skeleton key of the bucket the cluster lives in, fixed when it is created. */
  key: string;
  /** Set when this cluster was absorbed by a more general one. */
  mergedInto?: Cluster;
}

/** The cluster that now stands for `cluster`, following folds. */
export const live = (cluster: Cluster): Cluster => {
  let current = cluster;
  while (current.mergedInto) current = current.mergedInto;
  return current;
};

/** Appends `value` to the list at `key`. */
export function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Removes `value` from the list at `key`, dropping the list when it empties. */
export function remove<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  const at = list?.indexOf(value) ?? -1;
  if (!list || at < 0) return;
  list.splice(at, 1);
  if (list.length === 0) map.delete(key);
}
