import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { CaraError, messageOf } from '../core/index.js';
import { type NoteSigner, signerFromPem } from './note.js';

/** Creates an Ed25519 signing key as PKCS#8 PEM, readable by the owner only. Never overwrites. */
export function createSigningKey(file: string): void {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' });
  writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
}

/** Loads the checkpoint signing key, with an error that says how to get one back. */
export function loadSigner(file: string, name: string): NoteSigner {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    const missing = (error as { code?: string }).code === 'ENOENT';
    throw new CaraError(
      'SIGNING_KEY_MISSING',
      missing
        ? `the audit signing key ${file} is missing`
        : `cannot read the audit signing key ${file}: ${messageOf(error)}`,
      {
        cause: error,
        hint: missing
          ? 'restore it from your backup; `cara init --new-key` creates a new one (old checkpoints then verify only with the old public key, `cara audit verify --key`)'
          : 'check the file permissions (it should be 0600 and owned by this user)',
      },
    );
  }
  try {
    return signerFromPem(name, pem);
  } catch (error) {
    throw new CaraError(
      'SIGNING_KEY_INVALID',
      `the audit signing key ${file} is not a valid Ed25519 PEM key: ${messageOf(error)}`,
      {
        cause: error,
        hint: 'restore the key from your backup',
      },
    );
  }
}
