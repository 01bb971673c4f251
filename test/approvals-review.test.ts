// The "Done when", end to end in a temporary repository with the CLI as whole processes:
// a branch without approval is refused; `approve` signs with a roster key and then it passes;
// editing the record afterwards makes the approval stale; an approval whose signer joins the
// roster in the same change is refused by check --base.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/fixtures.ts';
import { makeBuildDir, runCli, runProcess, type RunResult } from './helpers/run.ts';
import { pageText } from './helpers/page-text.ts';
import { commitAll, gitTestEnv, initRepo, overlay, removeScratch } from './helpers/git-repo.ts';
import { keys, rosterYaml } from './helpers/approvals.ts';
import { makeKey, removeKeys } from './helpers/ssh-keys.ts';

afterAll(() => {
  removeScratch();
  removeKeys();
});

function run(script: 'check' | 'approve' | 'diff', cwd: string, args: string[]): Promise<RunResult> {
  return runProcess(process.execPath, [path.join(projectRoot, 'src/cli', `${script}.ts`), ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PACKET_TODAY: '2026-11-24', ...gitTestEnv },
  });
}

const roster = (extra: { id: string; key: typeof keys.jp }[] = []) =>
  rosterYaml([{ id: 'jp', key: keys.jp }, ...extra], { approvers: ['jp', ...extra.map((person) => person.id)], maintainers: ['jp'] });

describe('approvals in a repository', () => {
  it('refuses Branch A without approval, passes once a roster approver signs, refuses again when the record changes', async () => {
    const repo = initRepo('approvals-done-when', [], { approvals: true });
    writeFileSync(path.join(repo, 'content/roster.yaml'), roster());
    const base = commitAll(repo, 'roster');
    overlay(repo, 'DP402-admission-matches-passes');

    const refused = await run('check', repo, ['--base', base]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/content\/decisions\/alpha\.yaml:3:\d+: DP909 approval-quorum: decision_status: State external_provider_approved needs 1 signed approval/);

    const approved = await run('approve', repo, ['alpha', '--key', keys.jp.file]);
    expect(approved.stderr).toBe('');
    expect(approved.code).toBe(0);
    expect(approved.stdout).toMatch(/as jp, key SHA256:/);
    expect(readFileSync(path.join(repo, 'content/decisions/alpha.approvals.yaml'), 'utf8')).toContain('-----BEGIN SSH SIGNATURE-----');
    const passed = await run('check', repo, ['--base', base]);
    expect(passed.stderr).toBe('');
    expect(passed.code).toBe(0);

    // Editing provider (and the admission evidence that must match it) makes the approval stale.
    for (const file of ['content/decisions/alpha.yaml', 'content/evidence/alpha-admission.yaml']) {
      const absolute = path.join(repo, file);
      writeFileSync(absolute, readFileSync(absolute, 'utf8').replace('provider: anthropic', 'provider: anthropic-eu'));
    }
    const stale = await run('check', repo, ['--base', base]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('DP905 approval-stale: approvals[0].content: The entry\'s content is the hash of an earlier content');
    expect(stale.stderr).toContain('DP909 approval-quorum');
    const diff = await run('diff', repo, ['--base', base]);
    expect(diff.stdout).toContain('**Approvals** (judged with the base commit\'s roster)');
    expect(diff.stdout).toMatch(/- added approve by `jp`: signed, key `SHA256:/);
    expect(diff.stdout).toContain('- missing for `external_provider_approved`: 1 signed from group `approvers`, 0 count');
  });

  it('names the approver and the key on the packet page and in decision.json', async () => {
    const repo = initRepo('approvals-page', [], { approvals: true });
    writeFileSync(path.join(repo, 'content/roster.yaml'), roster());
    overlay(repo, 'DP402-admission-matches-passes');
    expect((await run('approve', repo, ['alpha', '--key', keys.jp.file])).code).toBe(0);
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${keys.jp.file}.pub`], { encoding: 'utf8' }).split(' ')[1]!;
    const out = path.join(makeBuildDir('approvals'), 'dist');
    const built = await runCli('build', [], { PACKET_TODAY: '2026-11-24', PACKET_CONTENT_DIR: path.join(repo, 'content'), PACKET_OUT_DIR: out, ...gitTestEnv });
    expect(built.code).toBe(0);
    const page = pageText(readFileSync(path.join(out, 'packets/alpha/index.html'), 'utf8'));
    expect(page).toContain(`Person jp jp approve signed, ssh-ed25519 key ${fingerprint}`);
    const document = JSON.parse(readFileSync(path.join(out, 'packets/alpha/decision.json'), 'utf8'));
    expect(document.approvals.entries).toEqual([expect.objectContaining({ by: 'jp', disposition: 'approve', verified: 'signed', fingerprint, current: true, counts: true })]);
    expect(document.approvals.policy).toMatchObject({ group: 'approvers', needed: 1, have: 1, met: true });
  }, 400_000);

  it('refuses with check --base an approval whose signer joins the roster in the same change', async () => {
    const repo = initRepo('approvals-roster-change', [], { approvals: true });
    writeFileSync(path.join(repo, 'content/roster.yaml'), roster());
    overlay(repo, 'DP402-admission-matches-passes');
    const base = commitAll(repo, 'roster and Branch A, not yet approved');

    const newcomer = makeKey();
    writeFileSync(path.join(repo, 'content/roster.yaml'), roster([{ id: 'newcomer', key: newcomer }]));
    const approved = await run('approve', repo, ['alpha', '--key', newcomer.file]);
    expect(approved.code).toBe(0);
    // Judged with the working tree's own roster the approval holds …
    expect((await run('check', repo, [])).code).toBe(0);
    // … but not against the base commit's.
    const checked = await run('check', repo, ['--base', base]);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain('DP903 approver-unknown: approvals[0].by: The entry names a person who is not in the roster of the base commit');
    expect(checked.stderr).toMatch(/content\/roster\.yaml:1:\d+: DP912 roster-change-unapproved/);
    expect(checked.stderr).toContain('DP909 approval-quorum');

    // A maintainer of the base roster approves the new roster: the roster change holds, and the
    // newcomer's approval still does not count in this change.
    const rosterApproved = await run('approve', repo, ['--roster', '--key', keys.jp.file]);
    expect(rosterApproved.code).toBe(0);
    const again = await run('check', repo, ['--base', base]);
    expect(again.code).toBe(1);
    expect(again.stderr).not.toContain('DP912');
    expect(again.stderr).toContain('DP903 approver-unknown');
  });

  it('writes nothing when the key is not in the roster', async () => {
    const repo = initRepo('approvals-unknown-key', [], { approvals: true });
    writeFileSync(path.join(repo, 'content/roster.yaml'), roster());
    overlay(repo, 'DP402-admission-matches-passes');
    const refused = await run('approve', repo, ['alpha', '--key', keys.stranger.file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The key you signed with is not in roster.yaml');
    expect(() => readFileSync(path.join(repo, 'content/decisions/alpha.approvals.yaml'))).toThrow();
  });
});
