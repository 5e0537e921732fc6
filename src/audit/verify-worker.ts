/**
 * Worker thread for verifying large logs: the main thread reads rows and ships them here packed
 * in transferred buffers, so reading the store and hashing run on two cores at once.
 * Messages in: {targets} once, then {batch: ArrayBuffer, rows}, then {end: true}.
 * Messages out: {ack: true} per batch, {failure} at the first bad leaf, {done: true, size} at the end.
 */
import { parentPort } from 'node:worker_threads';
import { LeafChecker, type RootTarget } from './leaf-checker.js';
import { type PackedRows, unpackRows } from './verify-pack.js';

const port = parentPort;
if (port) {
  let checker: LeafChecker | undefined;
  let failed = false;
  port.on('message', (message: { targets?: RootTarget[]; batch?: PackedRows; end?: boolean }) => {
    if (message.targets) {
      checker = new LeafChecker(message.targets);
      const failure = checker.checkRoots();
      if (failure) {
        failed = true;
        port.postMessage({ failure });
      }
      return;
    }
    if (message.batch && checker && !failed) {
      for (const { leaf, hashes } of unpackRows(message.batch)) {
        const failure = checker.add(leaf, hashes);
        if (failure) {
          failed = true;
          port.postMessage({ failure });
          break;
        }
      }
      port.postMessage({ ack: true });
      return;
    }
    if (message.batch) {
      port.postMessage({ ack: true });
      return;
    }
    if (message.end) port.postMessage({ done: true, size: checker?.size ?? 0 });
  });
}
