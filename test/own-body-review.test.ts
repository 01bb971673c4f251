// Reviews of decisions whose kind says body: own (examples/adr): their own body's acceptance
// criteria are diffed like a PRD's, and removing one that another record's body links to is DP800.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changeIssues } from '../src/diff/change-rules.ts';
import { diffPackets } from '../src/diff/packet-diff.ts';
import { validate } from '../src/validate/validate.ts';
import { projectRoot } from './helpers/fixtures.ts';
import { refreshClaims } from './helpers/claims.ts';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const criterion = '- Every ADR names its deciders. {#deciders}';

/** The ADR example with a criterion in adr-0001's own body and a link to it from adr-0003's. */
function adrWithCriterion(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'decision-packet-own-body-'));
  made.push(dir);
  const content = path.join(dir, 'content');
  cpSync(path.join(projectRoot, 'examples/adr'), content, { recursive: true });
  appendFileSync(path.join(content, 'decisions/adr-0001.md'), `\n## Acceptance Criteria\n\n${criterion}\n`);
  appendFileSync(path.join(content, 'decisions/adr-0003.md'), '\nSee /packets/adr-0001/#ac-deciders for who decides.\n');
  refreshClaims(content);
  return content;
}

const check = (content: string) => validate({ contentDir: content, cwd: path.dirname(content), today: '2026-11-24', env: {} });

describe('a change to an own-body decision', () => {
  it('refuses removing a criterion of its own body that another decision links to (DP800 at the link)', async () => {
    const content = adrWithCriterion();
    const base = await check(content);
    expect(base.issues).toEqual([]);
    const file = path.join(content, 'decisions/adr-0001.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(`${criterion}\n`, '- Every ADR is reviewed.\n'));
    refreshClaims(content);
    const head = await check(content);
    expect(head.issues).toEqual([]);
    const successor = readFileSync(path.join(content, 'decisions/adr-0003.md'), 'utf8').split('\n');
    const line = successor.findIndex((text) => text.includes('#ac-deciders')) + 1;
    expect(changeIssues(base, head).map((issue) => [issue.ruleId, issue.file, issue.line])).toEqual([['DP800', 'content/decisions/adr-0003.md', line]]);
    const diff = diffPackets(base, head);
    const changed = diff.packets.find((packet) => packet.id === 'adr-0001');
    expect(changed?.criteria).toEqual(expect.arrayContaining([expect.objectContaining({ anchor: 'ac-deciders', change: 'removed' })]));
  });
});
