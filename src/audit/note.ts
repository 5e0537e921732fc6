import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519, and the tlog checkpoint body
 * (https://c2sp.org/tlog-checkpoint): origin, tree size, base64 root hash.
 */
const ED25519 = 0x01;
const DASH = '\u2014';

export interface NoteSigner {
  name: string;
  keyId: Buffer;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface NoteVerifier {
  name: string;
  keyId: Buffer;
  publicKey: KeyObject;
}

export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
}

/** The raw 32-byte Ed25519 public key. */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.x ?? '', 'base64url');
}

/** Key id = first 4 bytes of SHA-256(name || "\n" || 0x01 || public key), as the spec defines. */
export function keyIdFor(name: string, publicKey: KeyObject): Buffer {
  return createHash('sha256')
    .update(`${name}\n`)
    .update(Buffer.from([ED25519]))
    .update(rawPublicKey(publicKey))
    .digest()
    .subarray(0, 4);
}

export function assertKeyName(name: string): void {
  if (name.length === 0 || /[\s+]/u.test(name)) {
    throw new Error(`note key name "${name}" must be non-empty without spaces or '+'`);
  }
}

export function signerFromPem(name: string, pem: string): NoteSigner {
  assertKeyName(name);
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the signing key is not an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  return { name, keyId: keyIdFor(name, publicKey), privateKey, publicKey };
}

export function verifierOf(signer: NoteSigner): NoteVerifier {
  return { name: signer.name, keyId: signer.keyId, publicKey: signer.publicKey };
}

/** The verifier key string `name+hexid+base64(0x01||pub)` others use to check our notes. */
export function formatVerifierKey(verifier: NoteVerifier): string {
  const raw = Buffer.concat([Buffer.from([ED25519]), rawPublicKey(verifier.publicKey)]);
  return `${verifier.name}+${verifier.keyId.toString('hex')}+${raw.toString('base64')}`;
}

export function parseVerifierKey(text: string): NoteVerifier {
  // The key itself is base64 and may contain '+': split on the first two only.
  const match = /^([^+\s]+)\+([0-9a-fA-F]{8})\+([A-Za-z0-9+/]+=*)$/.exec(text.trim());
  const [, name, hexId, b64] = match ?? [];
  if (!name || !hexId || !b64) throw new Error('a verifier key has the form name+keyid+base64key');
  const raw = Buffer.from(b64, 'base64');
  if (raw.length !== 33 || raw[0] !== ED25519) throw new Error('the verifier key is not an Ed25519 key');
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.subarray(1).toString('base64url') },
    format: 'jwk',
  });
  const keyId = keyIdFor(name, publicKey);
  if (keyId.toString('hex') !== hexId.toLowerCase())
    throw new Error('the verifier key id does not match its key');
  return { name, keyId, publicKey };
}

export function formatCheckpointBody(checkpoint: Checkpoint): string {
  if (checkpoint.origin.length === 0 || /\n/.test(checkpoint.origin))
    throw new Error('invalid checkpoint origin');
  return `${checkpoint.origin}\n${checkpoint.size}\n${checkpoint.root.toString('base64')}\n`;
}

export function signNote(body: string, signer: NoteSigner): string {
  const signature = sign(null, Buffer.from(body, 'utf8'), signer.privateKey);
  const blob = Buffer.concat([signer.keyId, signature]).toString('base64');
  return `${body}\n${DASH} ${signer.name} ${blob}\n`;
}

export interface ParsedNote {
  body: string;
  signatures: { name: string; keyId: Buffer; signature: Buffer }[];
}

export function parseNote(text: string): ParsedNote {
  const split = text.lastIndexOf('\n\n');
  if (split < 0 || !text.endsWith('\n'))
    throw new Error('not a signed note: no blank line before signatures');
  const body = text.slice(0, split + 1);
  const lines = text.slice(split + 2, -1).split('\n');
  const signatures = lines.map((line) => {
    const match = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!match?.[1] || !match[2]) throw new Error(`malformed signature line: ${JSON.stringify(line)}`);
    const blob = Buffer.from(match[2], 'base64');
    if (blob.length < 5) throw new Error('signature too short');
    return { name: match[1], keyId: blob.subarray(0, 4), signature: blob.subarray(4) };
  });
  if (signatures.length === 0) throw new Error('the note has no signatures');
  return { body, signatures };
}

/** True when some signature line of the note is a valid signature by `verifier`. */
export function noteSignedBy(note: ParsedNote, verifier: NoteVerifier): boolean {
  return note.signatures.some(
    (s) =>
      s.name === verifier.name &&
      s.keyId.equals(verifier.keyId) &&
      verify(null, Buffer.from(note.body, 'utf8'), verifier.publicKey, s.signature),
  );
}

export function parseCheckpointBody(body: string): Checkpoint {
  const lines = body.split('\n');
  const [origin, sizeText, rootText] = lines;
  if (!origin || !sizeText || rootText === undefined)
    throw new Error('a checkpoint has origin, size and root lines');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText))
    throw new Error(`checkpoint size "${sizeText}" is not a decimal number`);
  const root = Buffer.from(rootText, 'base64');
  if (root.length !== 32 || root.toString('base64') !== rootText)
    throw new Error('checkpoint root is not 32 bytes of base64');
  return { origin, size: Number(sizeText), root };
}
