import { type Document, isMap, isNode, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

/** A 1-based position in the config file. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Where the entry at `path` is written: the key node when `at` is 'key', otherwise its value
 * (falling back to the key when the value is empty). When the path does not exist, the key of
 * the nearest existing ancestor, so a missing field points at the mapping that lacks it.
 */
export function positionOf(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
  at: 'key' | 'value',
): Position | undefined {
  let node: unknown = doc.contents;
  let keyNode: unknown;
  let found = true;
  for (const segment of path) {
    const next = child(node, segment);
    if (next === undefined) {
      found = false;
      break;
    }
    keyNode = next.key;
    node = next.value;
  }
  const target = found && at === 'value' && !isEmptyScalar(node) ? (node ?? keyNode) : (keyNode ?? node);
  return offsetPosition(lineCounter, rangeStart(target));
}

/** The 1-based position of a character offset. */
export function offsetPosition(lineCounter: LineCounter, offset: number | undefined): Position | undefined {
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** The offset at which a YAML node starts, when it has one. */
export function rangeStart(node: unknown): number | undefined {
  return isNode(node) && node.range ? node.range[0] : undefined;
}

function child(node: unknown, segment: PropertyKey): { key: unknown; value: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => keyText(item.key) === String(segment));
    return pair === undefined ? undefined : { key: pair.key, value: pair.value };
  }
  const index =
    typeof segment === 'number' ? segment : /^\d+$/.test(String(segment)) ? Number(segment) : undefined;
  if (isSeq(node) && index !== undefined) {
    const item = node.items[index];
    return item === undefined ? undefined : { key: item, value: item };
  }
  return undefined;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function isEmptyScalar(node: unknown): node is Node {
  return isScalar(node) && node.value === null && node.source === '';
}
