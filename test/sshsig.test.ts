// In-process sshsig verification against signatures ssh-keygen made with keys made at run time:
// every supported key type, and every way a signature can fail to prove what it claims.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint, maxArmourBytes, publicKeyBlob, verifySignature } from '../src/approvals/sshsig.ts';
import { signatureNamespace } from '../src/approvals/ssh-signer.ts';
import { makeKey, removeKeys, sign } from './helpers/ssh-keys.ts';

const message = 'decision-packet approval v1\npacket: alpha\ndisposition: approve\ncontent: sha256:00\n';
const blobOf = (line: string) => publicKeyBlob(line)!;

afterAll(removeKeys);

describe('sshsig verification', () => {
  it.each(['ed25519', 'rsa', 'ecdsa-256', 'ecdsa-384', 'ecdsa-521'])('verifies a %s signature and names the key as ssh-keygen does', async (type) => {
    const key = makeKey(type);
    const armour = await sign(key, message);
    const result = verifySignature(armour, message, signatureNamespace, [blobOf(key.publicLine)]);
    expect(result).toMatchObject({ ok: true });
    const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${key.file}.pub`], { encoding: 'utf8' });
    expect(printed).toContain(fingerprint(blobOf(key.publicLine)));
    if (result.ok) expect(result.fingerprint).toBe(fingerprint(blobOf(key.publicLine)));
  });

  it('refuses a signature by another key than the expected one (a key of another person)', async () => {
    const mine = makeKey();
    const theirs = makeKey();
    const armour = await sign(theirs, message);
    expect(verifySignature(armour, message, signatureNamespace, [blobOf(mine.publicLine)])).toEqual({ ok: false, reason: 'key-mismatch' });
  });

  it('refuses a signature over other content', async () => {
    const key = makeKey();
    const armour = await sign(key, message.replace('sha256:00', 'sha256:01'));
    expect(verifySignature(armour, message, signatureNamespace, [blobOf(key.publicLine)])).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a signature made for another namespace', async () => {
    const key = makeKey();
    const armour = execFileSync('ssh-keygen', ['-Y', 'sign', '-n', 'git', '-f', key.file], { input: message, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
    expect(verifySignature(armour, message, signatureNamespace, [blobOf(key.publicLine)])).toEqual({ ok: false, reason: 'wrong-namespace' });
  });

  it('refuses a truncated signature, a re-armoured altered one and junk, without throwing', async () => {
    const key = makeKey();
    const allowed = [blobOf(key.publicLine)];
    const armour = await sign(key, message);
    const lines = armour.trim().split('\n');
    const truncated = [...lines.slice(0, -2), lines.at(-1)!].join('\n');
    expect(verifySignature(truncated, message, signatureNamespace, allowed).ok).toBe(false);
    // Decode, flip one byte of the signature, encode again with the armour intact.
    const blob = Buffer.from(lines.slice(1, -1).join(''), 'base64');
    blob.writeUInt8(blob.readUInt8(blob.length - 1) ^ 1, blob.length - 1);
    const rearmoured = [lines[0], ...blob.toString('base64').match(/.{1,70}/g)!, lines.at(-1)].join('\n');
    expect(verifySignature(rearmoured, message, signatureNamespace, allowed)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifySignature('not a signature', message, signatureNamespace, allowed)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySignature(`${lines[0]}\n@@@@\n${lines.at(-1)}`, message, signatureNamespace, allowed)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySignature('x'.repeat(maxArmourBytes + 1), message, signatureNamespace, allowed)).toEqual({ ok: false, reason: 'too-large' });
  });

  it('accepts the same signature wrapped at another line width (same bytes)', async () => {
    const key = makeKey();
    const armour = await sign(key, message);
    const lines = armour.trim().split('\n');
    const rewrapped = [lines[0], ...lines.slice(1, -1).join('').match(/.{1,40}/g)!, lines.at(-1)].join('\n');
    expect(verifySignature(rewrapped, message, signatureNamespace, [blobOf(key.publicLine)]).ok).toBe(true);
  });
});
