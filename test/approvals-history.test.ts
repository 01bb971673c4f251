// Approval policies judged from git: the record's author does not count (DP913), a comment period
// measured in commit dates (DP914), a decision added directly in a state with a `from` policy
// (check --base), and roster.approvals.yaml verified by plain check. Real temporary repositories,
// commits at chosen dates and authors, keys made at run time.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { branchAContent, entryYaml, keys, writeApprovals } from './helpers/approvals.ts';
import { git, gitTestEnv, removeScratch } from './helpers/git-repo.ts';
import { fixturesDir, projectRoot } from './helpers/fixtures.ts';
import { removeKeys } from './helpers/ssh-keys.ts';
import { runProcess } from './helpers/run.ts';
import { rosterContent } from '../src/approvals/gate.ts';
import { validate } from '../src/validate/validate.ts';

afterAll(() => {
  removeScratch();
  removeKeys();
});

const decision = 'content/decisions/alpha.yaml';
const approvals = 'content/decisions/alpha.approvals.yaml';
const kindFile = (content: string) => path.join(content, 'kinds/provider-decision.yaml');
const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...gitTestEnv };

/** Rewrites the Branch A policy of the seed's kind with extra keys. */
function branchAPolicy(content: string, extra: string): void {
  const text = readFileSync(kindFile(content), 'utf8');
  const policy = 'external_provider_approved: { group: approvers, quorum: 1, level: signed';
  if (!text.includes(policy)) throw new Error("the seed kind's Branch A policy moved");
  writeFileSync(kindFile(content), text.replace(policy, `${policy}, ${extra}`));
}

/** A repository at the content's parent; returns a function committing everything as `email` at `date`. */
function repository(content: string): (subject: string, date: string, email?: string) => string {
  const repo = path.dirname(content);
  git(repo, ['init', '-q', '-b', 'main']);
  return (subject, date, email = 'author@example.test') => {
    git(repo, ['add', '-A']);
    const env = {
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      GIT_AUTHOR_NAME: 'A',
      GIT_AUTHOR_EMAIL: email,
      GIT_COMMITTER_NAME: 'C',
      GIT_COMMITTER_EMAIL: 'ci@example.test',
    };
    git(repo, ['-c', 'commit.gpgsign=false', 'commit', '-q', '--allow-empty', '-m', subject], env);
    return git(repo, ['rev-parse', 'HEAD']);
  };
}

const check = (content: string, env: Record<string, string> = {}) =>
  validate({ today: '2026-11-24', contentDir: content, cwd: path.dirname(content), env: { ...baseEnv, ...env } });

describe('author_counts: false (DP913)', () => {
  it('does not count the approval of the person whose email added the record, counts another member', async () => {
    const content = branchAContent();
    branchAPolicy(content, 'author_counts: false');
    await writeApprovals(content, [{ by: 'jp', key: keys.jp }]);
    repository(content)('Branch A', '2026-03-01T12:00:00Z', 'JP@example.test');
    const result = await check(content);
    expect(result.issues.map((issue) => [issue.ruleId, issue.file, issue.field])).toEqual([
      ['DP913', approvals, 'approvals[0].by'],
      ['DP909', decision, 'decision_status'],
    ]);
    expect(result.issues[0]!.line).toBe(2);
    expect(result.issues[0]!.message).toContain("the record's author (the commit that first added it)");
    // Another member of the group counts.
    await writeApprovals(content, [{ by: 'lee', key: keys.lee }]);
    expect((await check(content)).issues).toEqual([]);
  });
});

describe('comment_period_days (DP914)', () => {
  it('counts commit dates from the commit that entered the state to the head commit', async () => {
    const content = branchAContent();
    branchAPolicy(content, 'comment_period_days: 7');
    await writeApprovals(content, [{ by: 'jp', key: keys.jp }]);
    const commit = repository(content);
    commit('Branch A', '2026-03-01T12:00:00Z');
    commit('later', '2026-03-05T12:00:00Z');
    const early = await check(content);
    expect(early.issues).toEqual([expect.objectContaining({ ruleId: 'DP914', file: decision, line: 3, field: 'decision_status' })]);
    expect(early.issues[0]!.message).toContain(
      'a comment period of 7 days from the commit that put the record in it; 4 full days have passed',
    );
    commit('a week later', '2026-03-08T12:00:00Z');
    expect((await check(content)).issues).toEqual([]);
  });

  it('starts the period at the head when the state is not committed yet', async () => {
    const content = branchAContent();
    branchAPolicy(content, 'comment_period_days: 7');
    const alpha = path.join(content, 'decisions/alpha.yaml');
    const branchA = readFileSync(alpha, 'utf8');
    writeFileSync(alpha, readFileSync(path.join(fixturesDir, 'base/decisions/alpha.yaml'), 'utf8'));
    const commit = repository(content);
    commit('safe state', '2026-01-01T12:00:00Z');
    commit('later', '2026-03-01T12:00:00Z');
    writeFileSync(alpha, branchA);
    await writeApprovals(content, [{ by: 'jp', key: keys.jp }]);
    const result = await check(content);
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP914', field: 'decision_status' })]);
    expect(result.issues[0]!.message).toContain('0 full days have passed');
  });

  it('without a commit, measures to SOURCE_DATE_EPOCH, and refuses when there is neither', async () => {
    const content = branchAContent();
    branchAPolicy(content, 'comment_period_days: 7');
    await writeApprovals(content, [{ by: 'jp', key: keys.jp }]);
    const dated = await check(content, { SOURCE_DATE_EPOCH: '1790000000' });
    expect(dated.issues).toEqual([expect.objectContaining({ ruleId: 'DP914', field: 'decision_status' })]);
    expect(dated.issues[0]!.message).toContain('0 full days have passed');
    const undated = await check(content);
    expect(undated.issues[0]!.message).toContain('cannot be measured: the content has no commit and SOURCE_DATE_EPOCH is not set');
  });
});

describe('a decision added directly in a state with a from policy', () => {
  it("is judged by check --base as a move from the kind's safe state", async () => {
    const content = branchAContent();
    branchAPolicy(content, 'from: [not_decided]');
    const alpha = path.join(content, 'decisions/alpha.yaml');
    const branchA = readFileSync(alpha, 'utf8');
    rmSync(alpha);
    const base = repository(content)('no alpha yet', '2026-01-01T12:00:00Z');
    writeFileSync(alpha, branchA);
    const run = await runProcess(process.execPath, [path.join(projectRoot, 'src/cli/check.ts'), '--base', base], {
      cwd: path.dirname(content),
      env: { ...baseEnv, PACKET_TODAY: '2026-11-24' },
    });
    expect(run.stderr).toMatch(
      /content\/decisions\/alpha\.yaml:3:\d+: DP909 approval-quorum: decision_status: Moving into external_provider_approved needs 1 signed approval/,
    );
    expect(run.code).toBe(1);
  }, 120_000);
});

describe('roster.approvals.yaml in plain check', () => {
  async function rosterApproval(spec: Parameters<typeof entryYaml>[2]): Promise<string> {
    const content = branchAContent();
    await writeApprovals(content, [{ by: 'jp', key: keys.jp }]);
    const records = (await check(content)).records;
    const entry = await entryYaml(undefined, rosterContent(records.roster!), spec);
    writeFileSync(path.join(content, 'roster.approvals.yaml'), `approvals:\n${entry}\n`);
    return content;
  }

  it("passes an entry signed by the person's key, refuses one signed with another person's key (DP908)", async () => {
    expect((await check(await rosterApproval({ by: 'jp', key: keys.jp }))).issues).toEqual([]);
    const result = await check(await rosterApproval({ by: 'jp', key: keys.lee }));
    expect(result.issues).toEqual([
      expect.objectContaining({ ruleId: 'DP908', file: 'content/roster.approvals.yaml', line: 5, field: 'approvals[0].signature' }),
    ]);
  });

  it('refuses a truncated signature (DP907) and an unknown person (DP903)', async () => {
    const truncated = await check(
      await rosterApproval({ by: 'jp', key: keys.jp, mangle: (armour) => armour.replace(/\n[^\n]+\n-----END/, '\n-----END') }),
    );
    expect(truncated.issues.map((issue) => [issue.ruleId, issue.field])).toEqual([['DP907', 'approvals[0].signature']]);
    const unknown = await check(await rosterApproval({ by: 'nobody', key: keys.stranger }));
    expect(unknown.issues.map((issue) => issue.ruleId)).toContain('DP903');
  });
});
