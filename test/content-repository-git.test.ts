// The content's own repository is input too: its git configuration must never make `check`,
// `diff` or `build` run a program, and its base commit is read within the same input limits as
// the working tree. Real temporary repositories whose config names, through every route git
// has, a command that leaves a marker file; none may appear.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGitClient } from '../src/git/git-client.ts';
import { buildCommit, fileHistories } from '../src/git/history.ts';
import { treeSource } from '../src/git/tree-reader.ts';
import { inputLimits } from '../src/reader/input-limits.ts';
import { readContent } from '../src/reader/read-content.ts';
import { projectRoot } from './helpers/fixtures.ts';
import { commitAll, git, gitTestEnv, initRepo, removeScratch, scratch, writeFiles } from './helpers/git-repo.ts';
import { runProcess, type RunResult } from './helpers/run.ts';

afterAll(removeScratch);

function run(script: 'check' | 'diff' | 'build', cwd: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return runProcess(process.execPath, [path.join(projectRoot, 'src/cli', `${script}.ts`), ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PACKET_TODAY: '2026-11-24', ...gitTestEnv, ...env },
  });
}

const markers = path.join(scratch, 'markers');
mkdirSync(markers, { recursive: true });
const touch = (route: string) => `touch ${path.join(markers, route)}`;

const hookNames = [
  'pre-commit',
  'post-checkout',
  'post-index-change',
  'reference-transaction',
  'pre-auto-gc',
  'post-rewrite',
  'fsmonitor-watchman',
];

/** Every way a repository's config names a program; set after the commits (git add would run the filter). */
function armRepository(repo: string): void {
  const hooks = path.join(scratch, `hooks-${path.basename(repo)}`);
  mkdirSync(hooks, { recursive: true });
  for (const dir of [hooks, path.join(repo, '.git', 'hooks')]) {
    for (const hook of hookNames) writeFileSync(path.join(dir, hook), `#!/bin/sh\n${touch(`hook-${hook}`)}\n`, { mode: 0o755 });
  }
  const settings: [string, string][] = [
    ['filter.evil.clean', `${touch('filter-clean')}; cat`],
    ['filter.evil.smudge', `${touch('filter-smudge')}; cat`],
    ['filter.evil.process', touch('filter-process')],
    ['diff.evil.textconv', `${touch('textconv')}; cat`],
    ['diff.evil.command', touch('diff-command')],
    ['diff.external', touch('diff-external')],
    ['core.fsmonitor', touch('fsmonitor')],
    ['core.pager', touch('pager')],
    ['pager.log', touch('pager-log')],
    ['core.hooksPath', hooks],
    ['log.showSignature', 'true'],
    ['gpg.program', touch('gpg')],
    ['credential.helper', `!${touch('credential')}`],
    ['core.sshCommand', touch('ssh')],
    ['core.askPass', touch('askpass')],
    ['core.editor', touch('editor')],
    ['core.alternateRefsCommand', touch('alternate-refs')],
  ];
  for (const [key, value] of settings) git(repo, ['config', '--add', key, value]);
}

describe("the content repository's own configuration", () => {
  it('check --base, diff --base, check, history and the build commit run none of its programs (filters, textconv, fsmonitor, pager, hooks, …)', async () => {
    const repo = initRepo('armed');
    // Every file, content included, goes through the "evil" filter and diff driver.
    writeFiles(repo, { '.gitattributes': '* filter=evil diff=evil\n' });
    commitAll(repo, 'attributes');
    writeFiles(repo, { 'content/work-items/ALPHA-3.yaml': 'title: Alpha Stage 2 run, renamed\nstatus: blocked\n' });
    commitAll(repo, 'rename a work item', '2026-03-01T12:00:00+00:00');
    armRepository(repo);
    // The working tree: one file changed, one only touched (git status would re-read it through the filter).
    writeFileSync(path.join(repo, 'content/work-items/ALPHA-2.yaml'), 'title: Alpha local adapter, reworded\nstatus: blocked\n');
    utimesSync(path.join(repo, 'content/work-items/ALPHA-1.yaml'), new Date('2026-04-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));

    const checked = await run('check', repo, ['--base', 'HEAD~1']);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
    const markdown = await run('diff', repo, ['--base', 'HEAD~1']);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain('**Check: passed.**');
    const json = await run('diff', repo, ['--base', 'HEAD~2', '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).head.commit).toBeNull(); // the working tree differs from HEAD
    expect((await run('check', repo, [])).code).toBe(0);

    const files = ['ALPHA-1', 'ALPHA-3'].map((id) => path.join(repo, 'content/work-items', `${id}.yaml`));
    const histories = await fileHistories(path.join(repo, 'content'), files);
    expect(histories.available).toBe(true);
    expect(await buildCommit(path.join(repo, 'content'), { ...process.env })).toBe(git(repo, ['rev-parse', 'HEAD']));
    expect(readdirSync(markers)).toEqual([]);
  }, 240_000);

  it("refuses a partial clone (exit 2, naming the setting) before reading an object: a lazy fetch would run its remote's program", async () => {
    const origin = initRepo('partial-origin');
    const missing = commitAll(origin, 'later');
    const clone = path.join(scratch, 'partial-clone');
    git(scratch, ['clone', '-q', '--no-local', origin, clone]);
    git(clone, ['reset', '-q', '--hard', 'HEAD~1']);
    git(clone, ['update-ref', '-d', 'refs/remotes/origin/main']);
    git(clone, ['reflog', 'expire', '--expire=now', '--all']);
    git(clone, ['gc', '-q', '--prune=now']);
    for (const [key, value] of [
      ['core.repositoryformatversion', '1'],
      ['extensions.partialClone', 'origin'],
      ['remote.origin.promisor', 'true'],
      ['remote.origin.uploadpack', `${touch('uploadpack')}; git-upload-pack`],
      ['protocol.file.allow', 'always'],
    ] as const)
      git(clone, ['config', key, value]);
    for (const base of [missing, 'HEAD']) {
      for (const script of ['check', 'diff'] as const) {
        const result = await run(script, clone, ['--base', base]);
        expect(result.code, `${script} ${base}`).toBe(2);
        expect(result.stderr).toContain('--base cannot be read: The repository is refused: it is a partial clone');
        expect(result.stderr).toMatch(/sets (extensions\.partialclone|remote\.\*\.promisor)\)/);
      }
    }
    // Where the repository is (no object read) is still known: plain check reports paths from its top.
    const plain = await run('check', clone, []);
    expect(plain.code).toBe(0);
    const history = await fileHistories(path.join(clone, 'content'), [path.join(clone, 'content/work-items/ALPHA-1.yaml')]);
    expect(history).toMatchObject({ available: false, reason: 'partial clone' });
    expect(readdirSync(markers)).toEqual([]);
  }, 120_000);
});

describe("whether the working tree is HEAD's (hashed here, not asked of git status)", () => {
  it('is true for an untouched or merely touched tree, false for a change, an addition, a removal or an executable bit', async () => {
    const repo = initRepo('clean-at');
    symlinkSync('ALPHA-1.yaml', path.join(repo, 'content/work-items/link.yaml'));
    writeFiles(repo, { 'content/notes/.keep': 'kept\n' });
    commitAll(repo, 'link and notes');
    const client = createGitClient(repo);
    const item = path.join(repo, 'content/work-items/ALPHA-1.yaml');
    const original = readFileSync(item);
    const cleanAt = () => createGitClient(repo).isCleanAt('content');
    expect(await client.isCleanAt('content')).toBe(true);
    expect(await client.isCleanAt('')).toBe(true);
    utimesSync(item, new Date('2026-04-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));
    mkdirSync(path.join(repo, 'content/empty-folder'));
    expect(await cleanAt()).toBe(true);

    writeFileSync(item, original.toString('utf8').replace('blocked', 'done   '));
    expect(await cleanAt()).toBe(false); // same size, other bytes
    writeFileSync(item, original);
    writeFiles(repo, { 'content/work-items/ALPHA-9.yaml': 'title: New\nstatus: blocked\n' });
    expect(await cleanAt()).toBe(false);
    writeFiles(repo, { 'content/work-items/ALPHA-9.yaml': null, '.gitignore': 'ignored.yaml\n', 'content/ignored.yaml': 'x: 1\n' });
    expect(await cleanAt()).toBe(false); // an ignored file is read as content all the same
    writeFiles(repo, { 'content/ignored.yaml': null });
    expect(await cleanAt()).toBe(true); // .gitignore lies outside the folder asked about
    chmodSync(item, 0o755);
    expect(await cleanAt()).toBe(false);
    chmodSync(item, 0o644);
    renameSync(item, `${item}.moved`);
    expect(await cleanAt()).toBe(false);
    renameSync(`${item}.moved`, item);
    rmSync(path.join(repo, 'content/work-items/link.yaml'));
    symlinkSync('ALPHA-2.yaml', path.join(repo, 'content/work-items/link.yaml'));
    expect(await cleanAt()).toBe(false);
  });
});

describe("a content folder that is the repository's top", () => {
  it('is read at the base like any other (ls-tree of the whole tree)', async () => {
    const content = path.join(initRepo('top-outer'), 'content');
    for (const args of [
      ['init', '-q', '-b', 'main'],
      ['add', '-A'],
      ['-c', 'user.name=T', '-c', 'user.email=t@example.test', 'commit', '-q', '-m', 'top'],
    ])
      git(content, args);
    const client = createGitClient(content);
    const source = await treeSource(client, await client.resolveCommit('HEAD'), content);
    const atBase = readContent(content, { cwd: content, source });
    const onDisk = readContent(content, { cwd: content });
    expect(atBase.issues).toEqual([]);
    expect(atBase.records.map((record) => record.file)).toEqual(onDisk.records.map((record) => record.file));
    expect(atBase.records.length).toBeGreaterThan(5);
  });
});

describe('a base blob over the input limits', () => {
  const bigText = () => `title: Big\nstatus: blocked\n${'#'.repeat(inputLimits.maxFileBytes - 27)}\n`;

  it('is sized with cat-file --batch-check and never read', async () => {
    const repo = initRepo('big-blob');
    writeFiles(repo, { 'content/work-items/BIG-1.yaml': bigText() });
    commitAll(repo, 'big');
    const big = git(repo, ['rev-parse', 'HEAD:content/work-items/BIG-1.yaml']);
    const small = git(repo, ['rev-parse', 'HEAD:content/work-items/ALPHA-1.yaml']);
    expect(Number(git(repo, ['cat-file', '-s', big]))).toBe(inputLimits.maxFileBytes + 1);
    // A git that records each call's arguments and input, then runs the real git.
    const calls = path.join(scratch, 'big-blob-calls');
    mkdirSync(calls);
    const wrapper = path.join(scratch, 'recording-git');
    writeFileSync(wrapper, `#!/bin/sh\nf=$(mktemp "${calls}/call.XXXXXX")\nprintf 'ARGS %s\\n' "$*" > "$f"\ntee -a "$f" | git "$@"\n`, {
      mode: 0o755,
    });
    const client = createGitClient(repo, { gitBinary: wrapper });
    const read = await client.readBlobs([big, small], inputLimits.maxFileBytes);
    expect([...read.contents.keys()]).toEqual([small]);
    expect(read.tooLarge).toEqual(new Map([[big, inputLimits.maxFileBytes + 1]]));
    const recorded = readdirSync(calls).map((name) => readFileSync(path.join(calls, name), 'utf8'));
    const sizing = recorded.filter((call) => call.split('\n')[0]!.includes('cat-file --batch-check='));
    const reading = recorded.filter((call) => / cat-file --batch --buffer$/.test(call.split('\n')[0]!));
    expect(sizing.some((call) => call.includes(big))).toBe(true);
    expect(reading.length).toBe(1);
    expect(reading.join('')).not.toContain(big);
  });

  it('check --base refuses it with DP110 at the file, as on disk, while the head no longer holds it', async () => {
    const repo = initRepo('big-base');
    writeFiles(repo, { 'content/work-items/BIG-1.yaml': bigText() });
    commitAll(repo, 'big');
    writeFiles(repo, { 'content/work-items/BIG-1.yaml': 'title: Big\nstatus: blocked\n' });
    const checked = await run('check', repo, ['--base', 'HEAD', '--format', 'json']);
    expect(checked.code).toBe(1);
    const issues = JSON.parse(checked.stdout) as { rule: string; file: string; line: number; message: string }[];
    expect(issues).toEqual([expect.objectContaining({ rule: 'DP110', file: 'content/work-items/BIG-1.yaml', line: 1 })]);
    expect(issues[0]!.message).toContain('At the base commit: The file is larger than 4 MiB; it is not read.');
    const diff = await run('diff', repo, ['--base', 'HEAD', '--format', 'json']);
    expect(diff.code).toBe(0);
    expect(JSON.parse(diff.stdout).base.violations).toBe(1);
    expect(existsSync(path.join(repo, 'content/work-items/BIG-1.yaml'))).toBe(true);
  });
});
