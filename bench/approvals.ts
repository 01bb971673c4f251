// Signed approvals for the benchmark's packets: a roster of two approvers with fixed ed25519 keys
// and, for every packet, one approval by each, signed in-process in the sshsig format
// `ssh-keygen -Y sign` writes (spawning ssh-keygen 2,000 times would dominate the set-up). The
// gate then verifies 2 × N signatures: what `check` pays for approvals.
import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalMessage } from '../src/approvals/content.ts';
import { decisionContent } from '../src/approvals/gate.ts';
import { signedData } from '../src/approvals/sshsig.ts';
import { readContent } from '../src/reader/read-content.ts';
import { checkRecords } from '../src/validate/check-records.ts';

const sshString = (value: Buffer | string) => {
  const bytes = Buffer.from(value);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

interface BenchKey {
  id: string;
  privateKey: KeyObject;
  blob: Buffer;
}

/** A fixed key per name (PKCS#8 of a seed derived from the name): the same content every run. */
function benchKey(id: string): BenchKey {
  const seed = createHash('sha256').update(`decision-packet bench ${id}`).digest();
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const raw = Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x!, 'base64url');
  return { id, privateKey, blob: Buffer.concat([sshString('ssh-ed25519'), sshString(raw)]) };
}

function armour(key: BenchKey, message: string): string {
  const signature = sign(null, signedData('decision-packet', 'sha512', message), key.privateKey);
  const body = Buffer.concat([
    Buffer.from('SSHSIG'),
    Buffer.from([0, 0, 0, 1]),
    sshString(key.blob),
    sshString('decision-packet'),
    sshString(''),
    sshString('sha512'),
    sshString(Buffer.concat([sshString('ssh-ed25519'), sshString(signature)])),
  ]);
  return ['-----BEGIN SSH SIGNATURE-----', ...body.toString('base64').match(/.{1,70}/g)!, '-----END SSH SIGNATURE-----'].join('\n');
}

const approvers = ['jp', 'core-route'];

/** roster.yaml for the bench: the seed kind's approvers group, with keys. */
export function benchRoster(): string {
  const people = approvers.map((id) => `  - { id: ${id}, name: ${id}, keys: ["ssh-ed25519 ${benchKey(id).blob.toString('base64')}"] }`);
  return `people:\n${people.join('\n')}\ngroups:\n  approvers: [${approvers.join(', ')}]\nchanges: { group: approvers, quorum: 1, level: signed }\n`;
}

/** Writes decisions/<id>.approvals.yaml for every valid decision; returns the number of files. */
export function writeBenchApprovals(contentDir: string): number {
  const { records } = checkRecords(readContent(contentDir));
  const keys = approvers.map(benchKey);
  let files = 0;
  for (const decision of records.decisions.values()) {
    const content = decisionContent(records, decision)!;
    const entries = keys.map((key) => {
      const signature = armour(key, canonicalMessage({ packet: decision.id, disposition: 'approve', content }));
      return [`  - by: ${key.id}`, '    disposition: approve', `    content: "${content}"`, '    signature: |', ...signature.split('\n').map((line) => `      ${line}`)].join('\n');
    });
    writeFileSync(path.join(contentDir, 'decisions', `${decision.id}.approvals.yaml`), `approvals:\n${entries.join('\n')}\n`);
    files += 1;
  }
  return files;
}
