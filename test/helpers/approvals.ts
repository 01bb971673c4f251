// Content for approval tests: the seed's kind with its policies, Branch A recorded, a roster whose
// keys are made at run time, and entries signed with them (or written as claims).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalMessage } from '../../src/approvals/content.ts';
import { decisionContent } from '../../src/approvals/gate.ts';
import { validate } from '../../src/validate/validate.ts';
import { fixturesDir, makeContent } from './fixtures.ts';
import { makeKey, sign, type TestKey } from './ssh-keys.ts';

export const keys = { jp: makeKey(), lee: makeKey(), mallory: makeKey(), stranger: makeKey() };

export interface RosterPerson {
  id: string;
  key?: TestKey;
}

export function rosterYaml(people: RosterPerson[], groups: Record<string, string[]>, extra = ''): string {
  const lines = ['people:'];
  for (const person of people) {
    lines.push(`  - id: ${person.id}`, `    name: Person ${person.id}`, `    emails: [${person.id}@example.test]`);
    if (person.key) lines.push(`    keys: ["${person.key.publicLine}"]`);
  }
  lines.push('groups:');
  for (const [group, members] of Object.entries(groups)) lines.push(`  ${group}: [${members.join(', ')}]`);
  lines.push('chair_group: maintainers', 'changes: { group: maintainers, quorum: 1, level: signed }');
  return `${lines.join('\n')}\n${extra}`;
}

export const defaultRoster = () =>
  rosterYaml(
    [
      { id: 'jp', key: keys.jp },
      { id: 'lee', key: keys.lee },
      { id: 'mallory', key: keys.mallory },
    ],
    { approvers: ['jp', 'lee'], maintainers: ['jp'] },
  );

/** Content with the seed kind's policies, alpha in Branch A, and the default roster. */
export function branchAContent(roster = defaultRoster()): string {
  const content = makeContent(undefined, { approvals: true });
  for (const file of ['decisions/alpha.yaml', 'evidence/alpha-admission.yaml', 'evidence/alpha-stage2.yaml']) {
    writeFileSync(path.join(content, file), readFileSync(path.join(fixturesDir, 'DP402-admission-matches-passes', file)));
  }
  writeFileSync(path.join(content, 'roster.yaml'), roster);
  return content;
}

export const validateContent = (content: string) => validate({ today: '2026-11-24', contentDir: content, cwd: path.dirname(content), env: {} });

/** The current content hash of a packet, as the gate computes it. */
export async function currentHash(content: string, packet = 'alpha'): Promise<string> {
  const result = await validateContent(content);
  return decisionContent(result.records, result.records.decisions.get(packet)!)!;
}

export interface EntrySpec {
  by: string;
  disposition?: 'approve' | 'object' | 'concern' | 'resolve';
  concern?: string;
  /** Signs with this key; none: a claim. */
  key?: TestKey;
  /** Overrides what is signed (a signature over other content). */
  signedPacket?: string;
  content?: string;
  /** Rewrites the signature (truncation and the like). */
  mangle?: (armour: string) => string;
}

export async function entryYaml(packet: string | undefined, content: string, spec: EntrySpec): Promise<string> {
  const disposition = spec.disposition ?? 'approve';
  const hash = spec.content ?? content;
  const lines = [`  - by: ${spec.by}`, `    disposition: ${disposition}`];
  if (spec.concern) lines.push(`    concern: ${spec.concern}`);
  lines.push(`    content: "${hash}"`);
  if (spec.key) {
    const message = canonicalMessage({ packet: spec.signedPacket ?? packet, disposition, concern: spec.concern, content: hash });
    let armour = await sign(spec.key, message);
    if (spec.mangle) armour = spec.mangle(armour);
    lines.push('    signature: |', ...armour.trim().split('\n').map((line) => `      ${line}`));
  }
  return lines.join('\n');
}

/** Writes decisions/<packet>.approvals.yaml with the entries, for the packet's current content. */
export async function writeApprovals(content: string, specs: EntrySpec[], packet = 'alpha'): Promise<string> {
  const hash = await currentHash(content, packet);
  const entries = [];
  for (const spec of specs) entries.push(await entryYaml(packet, hash, spec));
  const file = path.join(content, 'decisions', `${packet}.approvals.yaml`);
  writeFileSync(file, `approvals:\n${entries.join('\n')}\n`);
  return file;
}
