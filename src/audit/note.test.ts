import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  formatCheckpointBody,
  formatVerifierKey,
  noteSignedBy,
  parseCheckpointBody,
  parseNote,
  parseVerifierKey,
  signerFromPem,
  signNote,
  verifierOf,
} from './note.js';

const pem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const root = Buffer.alloc(32, 7);

describe('signed checkpoint notes', () => {
  const signer = signerFromPem('example.com/log', pem());
  const note = signNote(formatCheckpointBody({ origin: 'example.com/log', size: 42, root }), signer);

  it('has the C2SP checkpoint layout: origin, size, base64 root, blank line, signature line', () => {
    const lines = note.split('\n');
    expect(lines.slice(0, 4)).toEqual(['example.com/log', '42', root.toString('base64'), '']);
    expect(lines[4]).toMatch(/^\u2014 example\.com\/log [A-Za-z0-9+/]+=*$/);
    // The signature blob is the 4-byte key id followed by the 64-byte Ed25519 signature.
    expect(Buffer.from(lines[4]?.split(' ')[2] ?? '', 'base64')).toHaveLength(68);
    expect(note.endsWith('\n')).toBe(true);
  });

  it('verifies with the signer key and with its verifier key string', () => {
    const parsed = parseNote(note);
    expect(noteSignedBy(parsed, verifierOf(signer))).toBe(true);
    const vkey = formatVerifierKey(verifierOf(signer));
    expect(vkey).toMatch(/^example\.com\/log\+[0-9a-f]{8}\+/);
    expect(noteSignedBy(parsed, parseVerifierKey(vkey))).toBe(true);
    expect(parseCheckpointBody(parsed.body)).toEqual({ origin: 'example.com/log', size: 42, root });
  });

  it('rejects another key, an edited body and a malformed note', () => {
    const other = signerFromPem('example.com/log', pem());
    expect(noteSignedBy(parseNote(note), verifierOf(other))).toBe(false);
    expect(noteSignedBy(parseNote(note.replace('\n42\n', '\n43\n')), verifierOf(signer))).toBe(false);
    expect(() => parseNote('no signatures here\n')).toThrow();
    expect(() => parseCheckpointBody('origin\nforty\nAAAA\n')).toThrow(/decimal/);
    expect(() => parseVerifierKey('name+00000000+AAAA')).toThrow();
  });

  it('refuses key names a note cannot carry', () => {
    expect(() => signerFromPem('has space', pem())).toThrow();
    expect(() => signerFromPem('has+plus', pem())).toThrow();
  });
});
