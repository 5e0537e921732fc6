import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  Frontier,
  inclusionProof,
  lastLeafOf,
  leafHash,
  MerkleProofError,
  type NodeLookup,
  rootFromLeaves,
  verifyConsistency,
  verifyInclusion,
} from './index.js';

// RFC 9162 verifier test vectors (transparency-dev/merkle testdata), shared beside the checkout.
const projectRoot = path.resolve(import.meta.dirname, '../../..');
const vectorsDir = path.resolve(projectRoot, '../shared/data/merkle-vectors');
const present = existsSync(vectorsDir);
const skipReason = '../shared/data/merkle-vectors not found';
if (!present) console.warn(`Skipping Merkle test vectors: ${skipReason} (looked in ${vectorsDir})`);
const describeVectors = present ? describe : describe.skip;

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string | null;
  leafHash: string | null;
  proof: (string | null)[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string | null;
  root2: string | null;
  proof: (string | null)[] | null;
  desc: string;
  wantErr: boolean;
}

function jsonFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(dir, name))
    .sort();
}

function bytes(base64: string | null): Buffer {
  return base64 === null ? Buffer.alloc(0) : Buffer.from(base64, 'base64');
}

function proofOf(proof: (string | null)[] | null): Buffer[] {
  return (proof ?? []).map(bytes);
}

function read<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Runs `check`, expecting success or a MerkleProofError as the vector says. */
function expectOutcome(wantErr: boolean, check: () => void): void {
  if (wantErr) expect(check).toThrow(MerkleProofError);
  else expect(check).not.toThrow();
}

/** The eight entries the vectors' tree was built from (the RFC 6962 reference tree of certificate-transparency). */
const REFERENCE_ENTRIES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => Buffer.from(hex, 'hex'));

/** Lookup over the reference tree, stored as the audit log stores it (completed hashes per leaf row). */
function referenceLookup(): NodeLookup {
  const frontier = Frontier.empty();
  const rows = REFERENCE_ENTRIES.map((e) => frontier.append(leafHash(e)));
  return (node) => {
    const hash = rows[lastLeafOf(node)]?.[node.level];
    if (hash === undefined) throw new Error(`node ${node.level}:${node.index} is not in the reference tree`);
    return hash;
  };
}

const b64 = (hashes: readonly Buffer[]): string[] => hashes.map((h) => h.toString('base64'));

const inclusionFiles = jsonFilesUnder(path.join(vectorsDir, 'inclusion'));
const consistencyFiles = jsonFilesUnder(path.join(vectorsDir, 'consistency'));

describeVectors(present ? 'merkle-vectors' : `merkle-vectors (skipped: ${skipReason})`, () => {
  it('finds the vector files (a wrong path must not pass silently)', () => {
    expect(inclusionFiles.length).toBeGreaterThan(50);
    expect(consistencyFiles.length).toBeGreaterThan(50);
  });

  describe('inclusion', () => {
    for (const file of inclusionFiles) {
      it(path.relative(vectorsDir, file), () => {
        const v = read<InclusionVector>(file);
        expectOutcome(v.wantErr, () =>
          verifyInclusion(v.leafIdx, v.treeSize, bytes(v.leafHash), proofOf(v.proof), bytes(v.root)),
        );
      });
    }
  });

  describe('consistency', () => {
    for (const file of consistencyFiles) {
      it(path.relative(vectorsDir, file), () => {
        const v = read<ConsistencyVector>(file);
        expectOutcome(v.wantErr, () =>
          verifyConsistency(v.size1, v.size2, proofOf(v.proof), bytes(v.root1), bytes(v.root2)),
        );
      });
    }
  });

  describe('generation reproduces the happy paths of the reference tree', () => {
    const lookup = referenceLookup();
    const happy = (files: string[]) => files.filter((f) => path.basename(f) === 'happy-path.json');

    it('inclusion', () => {
      const files = happy(inclusionFiles);
      expect(files.length).toBeGreaterThanOrEqual(5);
      for (const file of files) {
        const v = read<InclusionVector>(file);
        expect(rootFromLeaves(REFERENCE_ENTRIES.slice(0, v.treeSize)).toString('base64'), file).toBe(v.root);
        expect(leafHash(REFERENCE_ENTRIES[v.leafIdx] as Buffer).toString('base64'), file).toBe(v.leafHash);
        expect(b64(inclusionProof(v.leafIdx, v.treeSize, lookup)), file).toEqual(v.proof ?? []);
      }
    });

    it('consistency', () => {
      const files = happy(consistencyFiles);
      expect(files.length).toBeGreaterThanOrEqual(5);
      for (const file of files) {
        const v = read<ConsistencyVector>(file);
        expect(rootFromLeaves(REFERENCE_ENTRIES.slice(0, v.size1)).toString('base64'), file).toBe(v.root1);
        expect(rootFromLeaves(REFERENCE_ENTRIES.slice(0, v.size2)).toString('base64'), file).toBe(v.root2);
        expect(b64(consistencyProof(v.size1, v.size2, lookup)), file).toEqual(v.proof ?? []);
      }
    });
  });
});
