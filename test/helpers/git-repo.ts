// Real temporary git repositories for tests: never the machine's git configuration (an empty
// global config, no system config), fixed author and dates.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sanitizedGitEnv } from '../../src/git/git-client.ts';
import { copyShippedKinds, fixturesDir } from './fixtures.ts';

export const scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'dp-review-')));
const emptyGlobalConfig = path.join(scratch, 'empty-gitconfig');
writeFileSync(emptyGlobalConfig, '');
/** What git runs with in tests, also in child processes of our CLIs. */
export const gitTestEnv: Record<string, string> = { GIT_CONFIG_GLOBAL: emptyGlobalConfig, GIT_CONFIG_NOSYSTEM: '1' };
Object.assign(process.env, gitTestEnv);

export function removeScratch(): void {
  rmSync(scratch, { recursive: true, force: true });
}

export function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, { cwd, env: { ...sanitizedGitEnv(process.env), ...env }, encoding: 'utf8' }).trim();
}

let count = 0;
/** A fresh repository whose first commit holds test/fixtures/base, the shipped kinds and the overlays under content/. */
export function initRepo(name: string, overlays: string[] = [], options: { approvals?: boolean } = {}): string {
  count += 1;
  const dir = path.join(scratch, `${count}-${name}`);
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', 'Test Author']);
  git(dir, ['config', 'user.email', 'author@example.test']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  cpSync(path.join(fixturesDir, 'base'), path.join(dir, 'content'), { recursive: true });
  copyShippedKinds(path.join(dir, 'content', 'kinds'), options.approvals);
  for (const overlay of overlays) cpSync(path.join(fixturesDir, overlay), path.join(dir, 'content'), { recursive: true });
  commitAll(dir, 'base content', '2026-01-01T12:00:00+00:00');
  return dir;
}

/** Writes files (path from the repository's top → contents); `null` deletes. Does not commit. */
export function writeFiles(repo: string, files: Record<string, string | null>): void {
  for (const [relative, contents] of Object.entries(files)) {
    const absolute = path.join(repo, relative);
    if (contents === null) {
      rmSync(absolute, { force: true });
      continue;
    }
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, contents);
  }
}

/** Copies a fixture folder over the repository's content/ (not committed). */
export function overlay(repo: string, fixture: string): void {
  cpSync(path.join(fixturesDir, fixture), path.join(repo, 'content'), { recursive: true });
}

export function commitAll(repo: string, subject: string, date = '2026-02-01T12:00:00+00:00'): string {
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '--allow-empty', '-m', subject], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  return git(repo, ['rev-parse', 'HEAD']);
}
