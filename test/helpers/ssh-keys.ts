// SSH keys made at test time with ssh-keygen (never committed), and signatures made with them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sshKeygenSigner } from '../../src/approvals/ssh-signer.ts';

export const keyScratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'dp-keys-')));

/** Removes the keys made by this test file (call in afterAll). */
export function removeKeys(): void {
  rmSync(keyScratch, { recursive: true, force: true });
}

export interface TestKey {
  /** The private key file. */
  file: string;
  /** The public key line, `ssh-ed25519 AAAA… comment`. */
  publicLine: string;
}

let count = 0;
/** A fresh key without a passphrase: `ed25519`, `rsa`, or `ecdsa-256|384|521`. */
export function makeKey(type = 'ed25519'): TestKey {
  count += 1;
  const file = path.join(keyScratch, `key-${count}`);
  const [algorithm, bits] = type.split('-');
  const args = ['-q', '-t', algorithm!, '-N', '', '-C', `test-${count}`, '-f', file];
  if (bits) args.push('-b', bits);
  else if (algorithm === 'rsa') args.push('-b', '2048');
  execFileSync('ssh-keygen', args, { stdio: 'ignore' });
  return { file, publicLine: readFileSync(`${file}.pub`, 'utf8').trim() };
}

export function sign(key: TestKey, message: string): Promise<string> {
  return sshKeygenSigner({ keyFile: key.file }).sign(message);
}
