// Reading the content at a commit straight from git (no checkout): the same strict reader over
// the blobs, symbolic links and submodules refused, revisions resolved and verified.
import { symlinkSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGitClient, GitError, isSafeRevision } from '../src/git/git-client.ts';
import { treeSource } from '../src/git/tree-reader.ts';
import { readContent } from '../src/reader/read-content.ts';
import { validate } from '../src/validate/validate.ts';
import { commitAll, git, initRepo, removeScratch, writeFiles } from './helpers/git-repo.ts';

afterAll(removeScratch);

async function readAt(repo: string, revision: string) {
  const client = createGitClient(repo);
  const commit = await client.resolveCommit(revision);
  const source = await treeSource(client, commit, path.join(repo, 'content'));
  return readContent(path.join(repo, 'content'), { cwd: repo, source });
}

describe('content at a commit', () => {
  it('reads the committed version, not the working tree, with the same files, values and positions', async () => {
    const repo = initRepo('tree-read');
    const base = git(repo, ['rev-parse', 'HEAD']);
    writeFiles(repo, { 'content/work-items/ALPHA-2.yaml': 'title: Alpha local adapter\nstatus: in_progress\n' });
    const atBase = await readAt(repo, base);
    const onDisk = readContent(path.join(repo, 'content'), { cwd: repo });
    expect(atBase.issues).toEqual([]);
    expect(atBase.virtual).toBe(true);
    expect(atBase.records.map((record) => record.file)).toEqual(onDisk.records.map((record) => record.file));
    const item = atBase.records.find((record) => record.id === 'ALPHA-2')!;
    expect(item.file).toBe('content/work-items/ALPHA-2.yaml');
    expect(item.data).toEqual({ title: 'Alpha local adapter', status: 'blocked' });
    expect(onDisk.records.find((record) => record.id === 'ALPHA-2')!.data).toMatchObject({ status: 'in_progress' });
    const decision = atBase.records.find((record) => record.kind === 'decision')!;
    const diskDecision = onDisk.records.find((record) => record.kind === 'decision')!;
    expect(decision.positions.value('decision_status')).toEqual(diskDecision.positions.value('decision_status'));
    expect(atBase.texts.find((text) => text.file === decision.file)!.text).toBe(readFileSync(path.join(repo, decision.file), 'utf8'));
  });

  it('validates the base side through validate() without touching the working tree', async () => {
    const repo = initRepo('tree-validate');
    const base = git(repo, ['rev-parse', 'HEAD']);
    writeFiles(repo, { 'content/decisions/alpha.yaml': 'decision_status: nonsense\n' });
    const client = createGitClient(repo);
    const source = await treeSource(client, await client.resolveCommit(base), path.join(repo, 'content'));
    const result = await validate({ contentDir: path.join(repo, 'content'), cwd: repo, source, today: '2026-11-24', env: {} });
    expect(result.issues).toEqual([]);
    expect(result.records.decisions.get('alpha')!.data).toMatchObject({ decision_status: 'not_decided' });
    expect(git(repo, ['status', '--porcelain'])).toBe('M content/decisions/alpha.yaml');
  });

  it('refuses a symbolic link in the tree (DP102) and a submodule (DP101)', async () => {
    const repo = initRepo('tree-links');
    symlinkSync('alpha.yaml', path.join(repo, 'content/decisions/beta.yaml'));
    const sub = initRepo('tree-sub');
    git(repo, ['add', '--', 'content/decisions/beta.yaml']);
    git(repo, ['update-index', '--add', '--cacheinfo', `160000,${git(sub, ['rev-parse', 'HEAD'])},content/evidence/module`]);
    git(repo, ['commit', '-q', '-m', 'link and submodule']);
    const commit = git(repo, ['rev-parse', 'HEAD']);
    const read = await readAt(repo, commit);
    expect(read.issues.map((issue) => [issue.ruleId, issue.file])).toEqual([
      ['DP102', 'content/decisions/beta.yaml'],
      ['DP101', 'content/evidence/module'],
    ]);
  });

  it('says DP100 when the content folder did not exist at the commit', async () => {
    const repo = initRepo('tree-missing');
    const first = git(repo, ['rev-parse', 'HEAD']);
    writeFiles(repo, { 'docs/other.md': '# other\n' });
    git(repo, ['mv', 'content', 'planning']);
    commitAll(repo, 'move');
    const client = createGitClient(repo);
    const source = await treeSource(client, await client.resolveCommit('HEAD'), path.join(repo, 'content'));
    const read = readContent(path.join(repo, 'content'), { cwd: repo, source });
    expect(read.issues.map((issue) => [issue.ruleId, issue.file])).toEqual([['DP100', 'content']]);
    expect((await readAt(repo, first)).issues).toEqual([]);
  });
});

describe('resolving a revision', () => {
  it('resolves a branch, HEAD~1, a tag and a full id to the commit', async () => {
    const repo = initRepo('resolve');
    const first = git(repo, ['rev-parse', 'HEAD']);
    const second = commitAll(repo, 'second');
    git(repo, ['tag', '-a', '-m', 'annotated', 'v1', first]);
    const client = createGitClient(repo);
    expect(await client.resolveCommit('main')).toBe(second);
    expect(await client.resolveCommit('HEAD~1')).toBe(first);
    expect(await client.resolveCommit('v1')).toBe(first);
    expect(await client.resolveCommit(first)).toBe(first);
  });

  it('refuses an absent id, a tree, an unknown name and anything that reads as an option', async () => {
    const repo = initRepo('resolve-bad');
    const client = createGitClient(repo);
    const tree = git(repo, ['rev-parse', 'HEAD^{tree}']);
    for (const revision of [
      '0123456789abcdef0123456789abcdef01234567',
      tree,
      'no-such-branch',
      '--output=/tmp/x',
      '-h',
      'HEAD:content',
      'a..b',
      '',
    ]) {
      await expect(client.resolveCommit(revision), revision).rejects.toMatchObject({ kind: 'not-a-commit' });
    }
    expect(isSafeRevision('origin/main')).toBe(true);
    expect(isSafeRevision('--end-of-options')).toBe(false);
  });

  it('says a shallow clone cannot answer for a commit beyond its history', async () => {
    const repo = initRepo('resolve-shallow-source');
    const first = git(repo, ['rev-parse', 'HEAD']);
    commitAll(repo, 'second');
    commitAll(repo, 'third');
    const clone = path.join(path.dirname(repo), 'resolve-shallow-clone');
    git(path.dirname(repo), ['clone', '-q', '--depth', '1', `file://${repo}`, clone]);
    const error = await createGitClient(clone)
      .resolveCommit(first)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).kind).toBe('shallow');
  });
});
