export { EMPTY_ROOT, HASH_SIZE, leafHash, leafHashOfText, nodeHash } from './hash.js';
export {
  consistencyProof,
  consistencyProofNodes,
  inclusionProof,
  inclusionProofNodes,
  type NodeLookup,
  rootFrom,
  rootNodes,
  subtreeHash,
} from './proofs.js';
export {
  Frontier,
  frontierNodes,
  lastLeafOf,
  levelsCompletedBy,
  type NodeId,
  rootFromLeaves,
} from './tree.js';
export { MerkleProofError, rootFromInclusionProof, verifyConsistency, verifyInclusion } from './verify.js';
