// The approvals gate (DP900–DP911) on content whose roster keys and signatures are made at run
// time: Branch A of the seed's kind needs one signed approval of its current content from the
// approvers group.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { branchAContent, defaultRoster, keys, rosterYaml, validateContent, writeApprovals } from './helpers/approvals.ts';
import { makeContent, projectRoot } from './helpers/fixtures.ts';
import { parseApprove } from '../src/cli/approve.ts';
import { removeKeys } from './helpers/ssh-keys.ts';
import { UsageError } from '../src/core/build-date.ts';
import type { Issue } from '../src/core/issue.ts';

const decision = 'content/decisions/alpha.yaml';
const approvals = 'content/decisions/alpha.approvals.yaml';
const rules = (issues: { ruleId: string }[]) => issues.map((issue) => issue.ruleId).sort();
const entryIssue = (issues: Issue[]) => issues.find((issue) => issue.file === approvals);

afterAll(removeKeys);

describe('a state with a signed approval policy', () => {
  it('refuses Branch A without an approval (DP909 at the state field)', async () => {
    const result = await validateContent(branchAContent());
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP909', file: decision, line: 3, field: 'decision_status' })]);
    expect(result.issues[0]!.message).toContain('State external_provider_approved needs 1 signed approval of the current content from group approvers; 0 count');
  });

  it('passes with one approval signed by a member of the approvers group', async () => {
    const content = branchAContent();
    await writeApprovals(content, [{ by: 'jp', key: keys.jp }]);
    expect((await validateContent(content)).issues).toEqual([]);
  });

  it('refuses an unsigned claim where the policy asks for signed approvals (DP906)', async () => {
    const content = branchAContent();
    await writeApprovals(content, [{ by: 'jp' }]);
    const result = await validateContent(content);
    expect(rules(result.issues)).toEqual(['DP906', 'DP909']);
    expect(entryIssue(result.issues)).toMatchObject({ file: approvals, line: 1 + 1, field: 'approvals[0].signature' });
  });

  it('refuses a signature made with a key the roster does not know (a wrong key, DP908)', async () => {
    const content = branchAContent();
    await writeApprovals(content, [{ by: 'jp', key: keys.stranger }]);
    const result = await validateContent(content);
    expect(rules(result.issues)).toEqual(['DP908', 'DP909']);
    expect(entryIssue(result.issues)).toMatchObject({ file: approvals, line: 5, field: 'approvals[0].signature' });
  });

  it('refuses a signature made with another person\'s key from the roster (DP908)', async () => {
    const content = branchAContent();
    await writeApprovals(content, [{ by: 'jp', key: keys.mallory }]);
    expect(rules((await validateContent(content)).issues)).toEqual(['DP908', 'DP909']);
  });

  it('refuses a signature over other content: another packet in the signed message (DP907)', async () => {
    const content = branchAContent();
    await writeApprovals(content, [{ by: 'jp', key: keys.jp, signedPacket: 'beta' }]);
    const result = await validateContent(content);
    expect(rules(result.issues)).toEqual(['DP907', 'DP909']);
    expect(entryIssue(result.issues)!.message).toContain('does not verify over this entry\'s canonical message');
  });

  it('refuses a truncated signature (DP907), without a crash', async () => {
    const content = branchAContent();
    const truncate = (armour: string) => {
      const lines = armour.trim().split('\n');
      return [...lines.slice(0, 2), lines.at(-1)!].join('\n');
    };
    await writeApprovals(content, [{ by: 'jp', key: keys.jp, mangle: truncate }]);
    const result = await validateContent(content);
    expect(rules(result.issues)).toEqual(['DP907', 'DP909']);
  });

  it('makes an approval stale when the record changes afterwards (DP905, DP909)', async () => {
    const content = branchAContent();
    await writeApprovals(content, [{ by: 'jp', key: keys.jp }]);
    const file = path.join(content, 'decisions/alpha.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('review_trigger: "2027-05-31"', 'review_trigger: "2027-06-30"'));
    const result = await validateContent(content);
    expect(rules(result.issues)).toEqual(['DP905', 'DP909']);
    expect(entryIssue(result.issues)).toMatchObject({ file: approvals, line: 4, field: 'approvals[0].content' });
  });

  it('refuses an approval by a person the roster does not know (DP903)', async () => {
    const content = branchAContent();
    await writeApprovals(content, [{ by: 'nobody' }]);
    const result = await validateContent(content);
    expect(rules(result.issues)).toEqual(['DP903', 'DP909']);
    expect(entryIssue(result.issues)).toMatchObject({ file: approvals, line: 2, field: 'approvals[0].by' });
  });

  it('refuses an approval by a roster person outside the approvers group (DP904)', async () => {
    const content = branchAContent();
    await writeApprovals(content, [{ by: 'mallory', key: keys.mallory }]);
    const result = await validateContent(content);
    expect(rules(result.issues)).toEqual(['DP904', 'DP909']);
    expect(entryIssue(result.issues)!.message).toContain('outside group approvers');
  });

  it('refuses while a group member objects to the current content (DP910)', async () => {
    const content = branchAContent();
    await writeApprovals(content, [{ by: 'lee', key: keys.lee }, { by: 'jp', key: keys.jp, disposition: 'object' }]);
    const result = await validateContent(content);
    expect(rules(result.issues)).toEqual(['DP910']);
    expect(result.issues[0]).toMatchObject({ file: approvals, field: 'approvals[1].disposition' });
  });

  it('counts a person\'s latest position: an objection withdrawn by a later approval no longer blocks', async () => {
    const content = branchAContent();
    await writeApprovals(content, [{ by: 'jp', key: keys.jp, disposition: 'object' }, { by: 'jp', key: keys.jp }]);
    expect((await validateContent(content)).issues).toEqual([]);
  });

  it('keeps a concern open until its raiser or a chair resolves it (DP910, DP911)', async () => {
    const content = branchAContent();
    const raised = { by: 'lee', key: keys.lee, disposition: 'concern' as const, concern: 'egress' };
    await writeApprovals(content, [{ by: 'jp', key: keys.jp }, raised, { by: 'mallory', key: keys.mallory, disposition: 'resolve', concern: 'egress' }]);
    expect(rules((await validateContent(content)).issues)).toEqual(['DP910', 'DP911']);
    await writeApprovals(content, [{ by: 'jp', key: keys.jp }, raised, { by: 'jp', key: keys.jp, disposition: 'resolve', concern: 'egress' }]);
    expect((await validateContent(content)).issues).toEqual([]);
  });
});

describe('roster and approval files', () => {
  it('refuses a roster whose groups name unknown people and whose people share a key (DP900)', async () => {
    const roster = rosterYaml([{ id: 'jp', key: keys.jp }, { id: 'lee', key: keys.jp }], { approvers: ['jp', 'ghost'], maintainers: ['jp'] });
    const result = await validateContent(branchAContent(roster));
    expect(result.issues.filter((issue) => issue.ruleId === 'DP900').map((issue) => issue.field)).toEqual(['people[1].keys[0]', 'groups.approvers[1]']);
  });

  it('refuses a roster of the wrong shape with its file, line and field (DP900)', async () => {
    const result = await validateContent(branchAContent(defaultRoster().replace('changes:', 'changez:')));
    expect(result.issues).toContainEqual(expect.objectContaining({ ruleId: 'DP900', file: 'content/roster.yaml' }));
  });

  it('refuses an approvals file for a packet that does not exist (DP901)', async () => {
    const content = branchAContent();
    await writeApprovals(content, [{ by: 'jp', key: keys.jp }]);
    writeFileSync(path.join(content, 'decisions/ghost.approvals.yaml'), readFileSync(path.join(content, 'decisions/alpha.approvals.yaml')));
    const result = await validateContent(content);
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP901', file: 'content/decisions/ghost.approvals.yaml' })]);
  });

  it('refuses a policy whose group the roster lacks (DP902 at the kind)', async () => {
    const result = await validateContent(branchAContent(rosterYaml([{ id: 'jp', key: keys.jp }], { maintainers: ['jp'] })));
    expect(result.issues).toContainEqual(expect.objectContaining({ ruleId: 'DP902', file: 'content/kinds/provider-decision.yaml', field: 'approvals.policies.external_provider_approved.group' }));
  });

  it('refuses policies without a roster (DP902 per policy), even while every decision is in its safe state', async () => {
    const result = await validateContent(makeContent(undefined, { approvals: true }));
    expect(rules(result.issues)).toEqual(['DP902', 'DP902']);
  });

  it('needs no approval for a decision in its safe state', async () => {
    const content = makeContent(undefined, { approvals: true });
    writeFileSync(path.join(content, 'roster.yaml'), defaultRoster());
    expect((await validateContent(content)).issues).toEqual([]);
  });
});

describe('what an approval is bound to', () => {
  it('binds an own-body decision\'s approvals to its body too: editing an accepted ADR\'s text makes them stale', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dp-adr-approvals-'));
    const content = path.join(dir, 'content');
    cpSync(path.join(projectRoot, 'examples/adr'), content, { recursive: true });
    expect((await validateContent(content)).issues).toEqual([]);
    appendFileSync(path.join(content, 'decisions/adr-0001.md'), '\nA sentence added after the approval.\n');
    const result = await validateContent(content);
    expect(rules(result.issues)).toEqual(['DP905', 'DP909']);
    expect(result.issues.find((issue) => issue.ruleId === 'DP909')).toMatchObject({ file: 'content/decisions/adr-0001.md', field: 'status' });
  });

  it('refuses a kind whose policy names no state of the kind, or leaves the state field out of the hash (DP212)', async () => {
    const content = branchAContent();
    const kindFile = path.join(content, 'kinds/provider-decision.yaml');
    const text = readFileSync(kindFile, 'utf8').replace('approvals:\n  policies:', 'approvals:\n  exclude: [decision_status]\n  policies:\n    approved_later: { group: approvers, quorum: 1, level: signed }');
    writeFileSync(kindFile, text);
    const result = await validateContent(content);
    expect(result.issues.filter((issue) => issue.ruleId === 'DP212').map((issue) => issue.field).sort()).toEqual(['approvals.exclude[0]', 'approvals.policies.approved_later']);
  });
});

describe('approve arguments', () => {
  it('takes one packet and at most one of --object, --concern and --resolve; never a person', () => {
    expect(parseApprove(['alpha', '--concern', 'egress', '--key', 'k'])).toMatchObject({ packet: 'alpha', disposition: 'concern', concern: 'egress', key: 'k' });
    expect(parseApprove(['--roster'])).toMatchObject({ roster: true, packet: undefined });
    expect(() => parseApprove(['alpha', '--object', '--resolve', 'egress'])).toThrow(UsageError);
    expect(() => parseApprove(['alpha', '--concern', 'Bad Name'])).toThrow(UsageError);
    expect(() => parseApprove(['alpha', '--by', 'jp'])).toThrow(UsageError);
    expect(() => parseApprove([])).toThrow(UsageError);
  });
});
