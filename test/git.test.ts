// The git layer against real temporary repositories: commit and path existence, SHA-256, shallow
// clones, non-repositories, dubious ownership, unsafe input; evidence verification end to end
// through validate(); file histories for the timeline; speed with 20,000 references.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitClient, GitError, parseRawLog, sanitizedGitEnv } from '../src/git/git-client.ts';
import { shallowMessage, verifyEvidence } from '../src/git/verify-evidence.ts';
import { buildCommit, fileHistories, statusOfVersion } from '../src/git/history.ts';
import { validate } from '../src/validate/validate.ts';
import type { Loaded, RecordSet } from '../src/core/record-set.ts';
import type { EvidenceReference } from '../src/schemas/evidence-reference.ts';
import { PositionIndex } from '../src/reader/positions.ts';
import { makeContent } from './helpers/fixtures.ts';

// Never depend on the machine's git configuration: an empty global config, no system config.
// Set on process.env too, because validate() runs git with the process's environment.
const scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'dp-git-')));
const emptyGlobalConfig = path.join(scratch, 'empty-gitconfig');
writeFileSync(emptyGlobalConfig, '');
process.env.GIT_CONFIG_GLOBAL = emptyGlobalConfig;
process.env.GIT_CONFIG_NOSYSTEM = '1';
const testEnv = sanitizedGitEnv(process.env);
const contentFolders: string[] = [];
afterAll(() => {
  for (const dir of [scratch, ...contentFolders]) rmSync(dir, { recursive: true, force: true });
});

const absentSha1 = '0123456789abcdef0123456789abcdef01234567';
const absentSha256 = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

function git(cwd: string, args: string[], options: { env?: Record<string, string>; input?: string } = {}): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...testEnv, ...options.env },
    encoding: 'utf8',
    input: options.input,
    maxBuffer: 256 * 1024 * 1024,
  }).trim();
}

let folderCount = 0;
function freshDir(name: string): string {
  folderCount += 1;
  const dir = path.join(scratch, `${folderCount}-${name}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function initRepo(name: string, objectFormat: 'sha1' | 'sha256' = 'sha1'): string {
  const dir = freshDir(name);
  git(dir, ['init', '-q', '-b', 'main', `--object-format=${objectFormat}`]);
  git(dir, ['config', 'user.name', 'Test Author']);
  git(dir, ['config', 'user.email', 'author@example.test']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  return dir;
}

/** Writes the files (path → contents) and commits them; returns the new commit id. */
function commitFiles(repo: string, files: Record<string, string>, subject: string, date = '2026-01-01T12:00:00+00:00'): string {
  for (const [relative, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repo, relative)), { recursive: true });
    writeFileSync(path.join(repo, relative), contents);
  }
  git(repo, ['add', '--', ...Object.keys(files)]);
  git(repo, ['commit', '-q', '-m', subject], { env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  return git(repo, ['rev-parse', 'HEAD']);
}

function shallowClone(source: string, name: string): string {
  const dir = path.join(freshDir(name), 'clone');
  git(scratch, ['clone', '-q', '--depth', '1', `file://${source}`, dir]);
  return dir;
}

/** A product repository: two commits; tools/validate.py exists from the first. */
interface ProductRepo {
  dir: string;
  first: string;
  second: string;
  tree: string;
  blob: string;
}

function makeProductRepo(name = 'product', objectFormat: 'sha1' | 'sha256' = 'sha1'): ProductRepo {
  const dir = initRepo(name, objectFormat);
  const first = commitFiles(dir, { 'tools/validate.py': 'print("ok")\n', 'README.md': '# product\n' }, 'first');
  const second = commitFiles(dir, { 'reports/stage2 report:final.json': '{"result": "pass"}\n' }, 'second');
  return {
    dir,
    first,
    second,
    tree: git(dir, ['rev-parse', `${second}^{tree}`]),
    blob: git(dir, ['rev-parse', `${second}:tools/validate.py`]),
  };
}

async function gitError(promise: Promise<unknown>): Promise<GitError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GitError) return error;
    throw error;
  }
  throw new Error('expected a GitError');
}

describe('git client', () => {
  let product: ProductRepo;
  beforeAll(() => {
    product = makeProductRepo();
  });

  it('reads the object format, shallowness and HEAD', async () => {
    const client = createGitClient(product.dir, { exactRepository: true });
    expect(await client.objectFormat()).toBe('sha1');
    expect(await client.isShallow()).toBe(false);
    expect(await client.headCommit()).toBe(product.second);
    expect((await client.info()).topLevel).toBe(product.dir);
  });

  it('tells a commit from a missing id and from an object that is not a commit, in one lookup', async () => {
    const client = createGitClient(product.dir);
    const asked = [product.first, product.second, absentSha1, product.tree, product.blob, product.first];
    const lookups = await client.lookupObjects(asked);
    expect([...lookups.entries()]).toEqual([
      [product.first, 'commit'],
      [product.second, 'commit'],
      [absentSha1, 'missing'],
      [product.tree, 'tree'],
      [product.blob, 'blob'],
    ]);
    expect(await client.lookupObjects([])).toEqual(new Map());
  });

  it('tells whether each path exists at its commit, in input order', async () => {
    const client = createGitClient(product.dir);
    const at = (commit: string, path: string) => ({ commit, path });
    expect(
      await client.pathsExist([
        at(product.first, 'tools/validate.py'),
        at(product.first, 'tools'),
        at(product.first, 'tools/missing.py'),
        // A ':' in a path is part of the name, not a revision separator: absent at first, present at second.
        at(product.first, 'reports/stage2 report:final.json'),
        at(product.second, 'reports/stage2 report:final.json'),
        at(product.second, 'README.md'),
        at(product.second, 'readme.md'),
        at(absentSha1, 'README.md'),
      ]),
    ).toEqual([true, true, false, false, true, true, false, false]);
    expect(await client.pathsExist([])).toEqual([]);
  });

  it('never hands git an option, an abbreviated id or an unsafe path', async () => {
    const client = createGitClient(product.dir);
    for (const bad of [
      '--output=/tmp/x',
      '-h',
      product.first.slice(0, 12),
      product.first.toUpperCase(),
      `${product.first}^{tree}`,
      'HEAD',
    ]) {
      // One bad id refuses the whole batch: nothing is asked of git.
      expect((await gitError(client.lookupObjects([product.first, bad]))).kind).toBe('failed');
      expect((await gitError(client.pathsExist([{ commit: bad, path: 'README.md' }]))).kind).toBe('failed');
    }
    const badPaths = ['-x', '--output=x', '../outside', '/etc/passwd', '.git/config', 'a/../b', './README.md', 'a\nb', 'a\rb'];
    for (const bad of badPaths) {
      const references = [
        { commit: product.first, path: 'README.md' },
        { commit: product.first, path: bad },
      ];
      expect((await gitError(client.pathsExist(references))).kind).toBe('failed');
      expect((await gitError(client.log([bad]))).kind).toBe('failed');
    }
  });

  it('ignores GIT_DIR and similar variables in the environment it is given', async () => {
    const other = initRepo('other');
    const otherCommit = commitFiles(other, { 'other.txt': 'another repository\n' }, 'other');
    const client = createGitClient(product.dir, {
      env: { ...process.env, GIT_DIR: path.join(other, '.git'), GIT_WORK_TREE: other, GIT_CONFIG_PARAMETERS: "'core.bare'='true'" },
    });
    expect(await client.headCommit()).toBe(product.second);
    expect((await client.lookupObjects([otherCommit])).get(otherCommit)).toBe('missing');
    const env = sanitizedGitEnv({ PATH: '/bin', GIT_DIR: 'x', GIT_INDEX_FILE: 'y', LANG: 'de_DE.UTF-8', GIT_CONFIG_GLOBAL: 'g' });
    expect(env).toMatchObject({ PATH: '/bin', LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_CONFIG_GLOBAL: 'g' });
    expect(env.GIT_DIR).toBeUndefined();
    expect(env.GIT_INDEX_FILE).toBeUndefined();
  });

  it('works with SHA-256 repositories and never asks one about a 40-hex id', async () => {
    const repo = makeProductRepo('product-sha256', 'sha256');
    const client = createGitClient(repo.dir);
    expect(await client.objectFormat()).toBe('sha256');
    expect(repo.second).toMatch(/^[0-9a-f]{64}$/);
    // The first 40 digits of a real id would match as an abbreviation if git were asked.
    const prefix = repo.second.slice(0, 40);
    const asked = [repo.second, absentSha256, repo.tree, prefix];
    const lookups = await client.lookupObjects(asked);
    expect(asked.map((sha) => lookups.get(sha))).toEqual(['commit', 'missing', 'tree', 'missing']);
    const paths = [
      { commit: repo.second, path: 'tools/validate.py' },
      { commit: repo.second, path: 'tools/nope.py' },
      { commit: prefix, path: 'tools/validate.py' },
    ];
    expect(await client.pathsExist(paths)).toEqual([true, false, false]);
  });

  it('reports a shallow clone and the history it lacks', async () => {
    const clone = shallowClone(product.dir, 'shallow');
    const client = createGitClient(clone, { exactRepository: true });
    expect(await client.isShallow()).toBe(true);
    expect((await client.info()).shallow).toBe(true);
    // Beyond the clone's history is "missing" here: the caller, seeing a shallow clone, cannot
    // say "no" (verifyEvidence reports DP507, below). An id of the other format is never asked.
    const asked = [product.second, product.first, absentSha256];
    const lookups = await client.lookupObjects(asked);
    expect(asked.map((sha) => lookups.get(sha))).toEqual(['commit', 'missing', 'missing']);
    expect((await gitError(client.log(['tools']))).kind).toBe('shallow');
  });

  it('refuses a folder that is not a repository, a missing folder, and a subfolder of a clone when the clone itself is required', async () => {
    const plain = freshDir('plain');
    expect((await gitError(createGitClient(plain, { exactRepository: true }).info())).kind).toBe('not-a-repository');
    expect((await gitError(createGitClient(path.join(plain, 'absent')).info())).kind).toBe('missing-directory');
    const sub = path.join(product.dir, 'tools');
    expect((await gitError(createGitClient(sub, { exactRepository: true }).info())).kind).toBe('not-a-repository');
    expect((await createGitClient(sub).info()).topLevel).toBe(product.dir);
  });

  it('maps dubious ownership to a typed error, and honours safe.directory', async () => {
    const env = { ...process.env, GIT_TEST_ASSUME_DIFFERENT_OWNER: '1' };
    const error = await gitError(createGitClient(product.dir, { env }).lookupObjects([product.first]));
    expect(error.kind).toBe('dubious-ownership');
    expect(error.message).toContain('dubious ownership');
    expect(error.message).not.toContain(product.dir);
    // The test owns this repository, so it may trust it in its own global config.
    const trusting = path.join(freshDir('trusting-config'), 'gitconfig');
    writeFileSync(trusting, `[safe]\n\tdirectory = ${product.dir}\n`);
    const trusted = createGitClient(product.dir, { env: { ...env, GIT_CONFIG_GLOBAL: trusting } });
    expect((await trusted.lookupObjects([product.first])).get(product.first)).toBe('commit');
    const refused = createGitClient(product.dir, { env }).pathsExist([{ commit: product.first, path: 'README.md' }]);
    expect((await gitError(refused)).kind).toBe('dubious-ownership');
  });

  it('says so when git cannot be run', async () => {
    const client = createGitClient(product.dir, { gitBinary: path.join(scratch, 'no-such-git') });
    expect((await gitError(client.info())).kind).toBe('git-unavailable');
  });

  it('parses raw logs with renames, deletions and odd subjects', () => {
    const a = '1'.repeat(40);
    const b = '2'.repeat(40);
    const blob = '3'.repeat(40);
    const zero = '0'.repeat(40);
    const c = '4'.repeat(40);
    const blob2 = '5'.repeat(40);
    const text =
      `${a}\x001767225600\x00: looks like a raw line\x00\n:100644 100644 ${blob} ${blob} R100\x00old name.yaml\x00new name.yaml\x00` +
      `:100644 000000 ${blob} ${zero} D\x00gone.yaml\x00` +
      `${b}\x001767225601\x00\x00` +
      `${c}\x001767225602\x00merge\x00\x00::100644 100644 100644 ${blob} ${blob} ${blob2} MM\x00both.yaml\x00`;
    expect(parseRawLog(text)).toEqual([
      {
        commit: a,
        committerTime: 1767225600,
        subject: ': looks like a raw line',
        changes: [
          { status: 'R', fromPath: 'old name.yaml', path: 'new name.yaml', blob },
          { status: 'D', path: 'gone.yaml', blob: undefined },
        ],
      },
      { commit: b, committerTime: 1767225601, subject: '', changes: [] },
      { commit: c, committerTime: 1767225602, subject: 'merge', changes: [{ status: 'M', path: 'both.yaml', blob: blob2 }] },
    ]);
  });
});

describe('verifyEvidence end to end (validate() on a content folder)', () => {
  let product: ProductRepo;
  let content: string;
  let result: Awaited<ReturnType<typeof validate>>;

  const evidence = (id: string, fields: { repository?: string; path: string; commit: string }) => {
    writeFileSync(
      path.join(content, 'evidence', `${id}.yaml`),
      `title: Evidence ${id}\nkind: validator\nrepository: ${fields.repository ?? 'product'}\npath: "${fields.path}"\ncommit: "${fields.commit}"\n`,
    );
  };

  beforeAll(async () => {
    content = makeContent();
    contentFolders.push(path.dirname(content));
    // A relative local_path (next to the content folder) and an absolute one.
    product = makeProductRepo();
    const relativeClone = path.join(path.dirname(content), 'product-clone');
    git(scratch, ['clone', '-q', `file://${product.dir}`, relativeClone]);
    const shallow = shallowClone(product.dir, 'shallow-for-validate');
    const plain = freshDir('plain-for-validate');
    const sha256 = makeProductRepo('sha256-for-validate', 'sha256');
    writeFileSync(
      path.join(content, 'repositories.yaml'),
      [
        'repositories:',
        '  - id: product',
        '    url: https://github.com/example/product',
        '    local_path: ../product-clone',
        '  - id: product-absolute',
        '    url: https://github.com/example/product',
        `    local_path: "${product.dir}"`,
        '  - id: product-shallow',
        '    url: https://github.com/example/product',
        `    local_path: "${shallow}"`,
        '  - id: not-a-clone',
        '    url: https://github.com/example/product',
        `    local_path: "${plain}"`,
        '  - id: product-sha256',
        '    url: https://github.com/example/product256',
        `    local_path: "${sha256.dir}"`,
        '  - id: remote-only',
        '    url: https://github.com/example/remote',
        'target_repositories:',
        '  - id: target',
        '    url: https://github.com/example/target',
        '    path_prefix: vendor/target',
        '',
      ].join('\n'),
    );
    // The base evidence: a real commit and path now.
    evidence('alpha-validator', { path: 'tools/validate.py', commit: product.first });
    evidence('at-second', { repository: 'product-absolute', path: 'reports/stage2 report:final.json', commit: product.second });
    evidence('missing-commit', { path: 'tools/validate.py', commit: absentSha1 });
    evidence('tree-not-commit', { path: 'tools/validate.py', commit: product.tree });
    evidence('missing-path', { path: 'tools/nope.py', commit: product.first });
    evidence('path-not-yet', { path: 'reports/stage2 report:final.json', commit: product.first });
    evidence('wrong-format', { path: 'tools/validate.py', commit: absentSha256 });
    evidence('shallow-missing', { repository: 'product-shallow', path: 'tools/validate.py', commit: product.first });
    evidence('shallow-present', { repository: 'product-shallow', path: 'tools/validate.py', commit: product.second });
    evidence('no-clone', { repository: 'not-a-clone', path: 'tools/validate.py', commit: product.first });
    evidence('sha256-verified', { repository: 'product-sha256', path: 'tools/validate.py', commit: sha256.first });
    evidence('sha256-given-sha1', { repository: 'product-sha256', path: 'tools/validate.py', commit: product.first });
    evidence('remote', { repository: 'remote-only', path: 'tools/validate.py', commit: absentSha1 });
    result = await validate({ contentDir: content, cwd: path.dirname(content), today: '2026-11-24', env: {} });
  });

  const entry = (id: string) => result.verification.get(id);

  it('verifies evidence at a real commit and path (relative and absolute local_path)', () => {
    expect(entry('alpha-validator')).toEqual({ status: 'verified', repository: 'product' });
    expect(entry('at-second')).toEqual({ status: 'verified', repository: 'product-absolute' });
    expect(entry('shallow-present')).toEqual({ status: 'verified', repository: 'product-shallow' });
    expect(entry('sha256-verified')).toEqual({ status: 'verified', repository: 'product-sha256' });
  });

  it('fails a commit that does not exist or is not a commit with DP504', () => {
    expect(entry('missing-commit')).toMatchObject({ status: 'failed', ruleId: 'DP504' });
    // The gate turns it into an issue on the evidence file.
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual(
      expect.objectContaining({ ruleId: 'DP504', file: expect.stringContaining('missing-commit.yaml') }),
    );
    expect(entry('tree-not-commit')).toMatchObject({ status: 'failed', ruleId: 'DP504', message: expect.stringContaining('tree object') });
  });

  it('fails an id of the wrong object format with DP504', () => {
    expect(entry('wrong-format')).toMatchObject({ status: 'failed', ruleId: 'DP504', message: expect.stringContaining('SHA-256') });
    expect(entry('sha256-given-sha1')).toMatchObject({ status: 'failed', ruleId: 'DP504', message: expect.stringContaining('SHA-1') });
  });

  it('fails a path absent at its commit with DP505', () => {
    expect(entry('missing-path')).toMatchObject({ status: 'failed', ruleId: 'DP505' });
    expect(entry('path-not-yet')).toMatchObject({ status: 'failed', ruleId: 'DP505' });
  });

  it('says a shallow clone cannot answer (DP507), and a folder that is no clone (DP507)', () => {
    expect(entry('shallow-missing')).toMatchObject({ status: 'failed', ruleId: 'DP507', message: expect.stringContaining(shallowMessage) });
    expect(entry('no-clone')).toMatchObject({
      status: 'failed',
      ruleId: 'DP507',
      message: expect.stringContaining('not a git repository'),
    });
  });

  it('leaves evidence of a repository without local_path not verified', () => {
    expect(entry('remote')).toMatchObject({ status: 'not-verified', reason: expect.stringContaining('local_path') });
  });

  it('never puts a commit or a path value in a message', () => {
    const values = [
      product.first,
      product.second,
      product.tree,
      absentSha1,
      absentSha256,
      'tools/validate.py',
      'tools/nope.py',
      'stage2 report',
      product.dir,
      scratch,
    ];
    for (const verification of result.verification.values()) {
      const text =
        verification.status === 'failed' ? verification.message : verification.status === 'not-verified' ? verification.reason : '';
      for (const value of values) expect(text).not.toContain(value);
    }
  });

  it('fails every reference with DP507 when git refuses the clone as dubious', async () => {
    const verification = await verifyEvidence(result.records, content, { env: { ...process.env, GIT_TEST_ASSUME_DIFFERENT_OWNER: '1' } });
    expect(verification.get('alpha-validator')).toMatchObject({
      status: 'failed',
      ruleId: 'DP507',
      message: expect.stringContaining('dubious ownership'),
    });
    expect(verification.get('missing-commit')).toMatchObject({ status: 'failed', ruleId: 'DP507' });
    expect(verification.get('remote')).toMatchObject({ status: 'not-verified' });
  });

  it('fails with DP507 when git cannot be run', async () => {
    const verification = await verifyEvidence(result.records, content, {
      createClient: (dir, options) => createGitClient(dir, { ...options, gitBinary: path.join(scratch, 'no-such-git') }),
    });
    expect(verification.get('alpha-validator')).toMatchObject({
      status: 'failed',
      ruleId: 'DP507',
      message: expect.stringContaining('git could not be run'),
    });
  });
});

describe('file history', () => {
  let repo: string;
  let commits: string[];

  beforeAll(() => {
    repo = initRepo('content-repo');
    const decision = (status: string) => `prd: alpha\nwork_item: ALPHA-1\ndecision_status: ${status}\n`;
    commits = [
      commitFiles(
        repo,
        { 'content/decisions/alpha.yaml': decision('not_decided'), 'content/work-items/ALPHA-1.yaml': 'title: A\nstatus: blocked\n' },
        'Open the alpha packet',
        '2026-01-01T10:00:00+02:00',
      ),
      commitFiles(repo, { 'README.md': 'unrelated\n' }, 'Unrelated change', '2026-01-02T10:00:00+00:00'),
      commitFiles(
        repo,
        { 'content/decisions/alpha.yaml': decision('local_provider_required') },
        'Require a local provider',
        '2026-01-03T10:00:00-05:00',
      ),
      commitFiles(
        repo,
        {
          'content/decisions/alpha.yaml': decision('external_provider_approved'),
          'content/work-items/ALPHA-1.yaml': 'title: A\nstatus: done\n',
        },
        'Approve: external provider',
        '2026-01-04T10:00:00+00:00',
      ),
    ];
  });

  it('lists the commits that changed a file, newest first, with the status each version holds', async () => {
    const file = 'content/decisions/alpha.yaml';
    const history = await fileHistories(repo, [file], { stateFields: ['decision_status'] });
    expect(history).toEqual({
      available: true,
      histories: new Map([
        [
          file,
          [
            {
              commit: commits[3],
              date: '2026-01-04T10:00:00Z',
              subject: 'Approve: external provider',
              decisionStatus: 'external_provider_approved',
              path: 'content/decisions/alpha.yaml',
            },
            {
              commit: commits[2],
              date: '2026-01-03T15:00:00Z',
              subject: 'Require a local provider',
              decisionStatus: 'local_provider_required',
              path: 'content/decisions/alpha.yaml',
            },
            {
              commit: commits[0],
              date: '2026-01-01T08:00:00Z',
              subject: 'Open the alpha packet',
              decisionStatus: 'not_decided',
              path: 'content/decisions/alpha.yaml',
            },
          ],
        ],
      ]),
    });
  });

  it('gives a file whose name git could read as an option, or as two lines, an empty history', async () => {
    const file = 'content/decisions/alpha.yaml';
    const hostile = ['-x.yaml', '--output=x', 'content/decisions/a\nb.yaml', '../outside.yaml', 'content/.git/config'];
    const result = await fileHistories(repo, [file, ...hostile]);
    if (!result.available) throw new Error(result.message);
    expect(result.histories.get(file)?.map((entry) => entry.commit)).toEqual([commits[3], commits[2], commits[0]]);
    for (const name of hostile) expect(result.histories.get(name)).toEqual([]);
  });

  it('gives many histories from one log pass, follows renames, and skips versions that do not parse', async () => {
    const other = initRepo('content-renames');
    const first = commitFiles(
      other,
      { 'content/decisions/beta.yaml': 'decision_status: not_decided\n', 'content/work-items/B-1.yaml': 'status: blocked\n' },
      'Add beta',
    );
    git(other, ['mv', 'content/decisions/beta.yaml', 'content/decisions/gamma.yaml']);
    git(other, ['commit', '-q', '-m', 'Rename beta to gamma']);
    const renamed = git(other, ['rev-parse', 'HEAD']);
    const broken = commitFiles(other, { 'content/decisions/gamma.yaml': 'decision_status: a\ndecision_status: b\n' }, 'Duplicate key');
    const fixed = commitFiles(
      other,
      {
        'content/decisions/gamma.yaml': 'decision_status: local_provider_required\n',
        'content/decisions/delta.json': '{"decision_status": "not_decided"}',
      },
      'Fix gamma, add delta',
    );
    writeFileSync(path.join(other, 'content/decisions/untracked.yaml'), 'decision_status: not_decided\n');

    const contentDir = path.join(other, 'content');
    const result = await fileHistories(
      contentDir,
      [
        'decisions/gamma.yaml',
        path.join(contentDir, 'decisions/delta.json'),
        'work-items/B-1.yaml',
        'decisions/untracked.yaml',
        '/etc/hostname',
      ],
      { stateFields: ['decision_status'] },
    );
    if (!result.available) throw new Error(result.message);
    expect(result.histories.get('decisions/gamma.yaml')?.map((e) => [e.commit, e.decisionStatus])).toEqual([
      [fixed, 'local_provider_required'],
      [broken, undefined],
      [renamed, 'not_decided'],
      [first, 'not_decided'],
    ]);
    expect(result.histories.get(path.join(contentDir, 'decisions/delta.json'))?.map((e) => [e.commit, e.decisionStatus])).toEqual([
      [fixed, 'not_decided'],
    ]);
    expect(result.histories.get('work-items/B-1.yaml')?.map((e) => e.decisionStatus)).toEqual(['blocked']);
    expect(result.histories.get('decisions/untracked.yaml')).toEqual([]);
    expect(result.histories.get('/etc/hostname')).toEqual([]);
    // Asked alone, a renamed file has the same history as in the batch.
    const single = await fileHistories(other, ['content/decisions/gamma.yaml'], { stateFields: ['decision_status'] });
    expect(single.available && single.histories.get('content/decisions/gamma.yaml')?.map((e) => e.commit)).toEqual([
      fixed,
      broken,
      renamed,
      first,
    ]);
  });

  it('counts a merge only when it leaves the file different from every parent', async () => {
    const merges = initRepo('content-merges');
    const at = (day: number) => ({ GIT_AUTHOR_DATE: `2026-02-0${day}T12:00:00Z`, GIT_COMMITTER_DATE: `2026-02-0${day}T12:00:00Z` });
    const x = 'content/decisions/x.yaml';
    const one = commitFiles(
      merges,
      { [x]: 'decision_status: a\n', 'content/work-items/W.yaml': 'status: blocked\n' },
      'one',
      '2026-02-01T12:00:00Z',
    );
    git(merges, ['checkout', '-q', '-b', 'feature']);
    const feature = commitFiles(merges, { [x]: 'decision_status: b\n' }, 'feature', '2026-02-02T12:00:00Z');
    git(merges, ['checkout', '-q', 'main']);
    commitFiles(merges, { 'content/work-items/W.yaml': 'status: done\n' }, 'main work item', '2026-02-03T12:00:00Z');
    // A clean merge: x is as on the feature branch, so the merge does not count for x.
    git(merges, ['merge', '-q', '--no-ff', '-m', 'merge feature', 'feature'], { env: at(4) });
    git(merges, ['checkout', '-q', '-b', 'other']);
    const other = commitFiles(merges, { [x]: 'decision_status: c\n' }, 'other', '2026-02-05T12:00:00Z');
    git(merges, ['checkout', '-q', 'main']);
    const mainChange = commitFiles(merges, { [x]: 'decision_status: d\n' }, 'main change', '2026-02-06T12:00:00Z');
    // A conflicting merge resolved to a third value: it counts.
    try {
      git(merges, ['merge', '-q', '--no-ff', '-m', 'merge other', 'other'], { env: at(7) });
    } catch {
      // the expected conflict
    }
    writeFileSync(path.join(merges, x), 'decision_status: e\n');
    git(merges, ['add', '--', x]);
    git(merges, ['commit', '-q', '--no-edit'], { env: at(7) });
    const resolution = git(merges, ['rev-parse', 'HEAD']);

    const expected = [
      [resolution, 'e'],
      [mainChange, 'd'],
      [other, 'c'],
      [feature, 'b'],
      [one, 'a'],
    ];
    const many = await fileHistories(merges, [x], { stateFields: ['decision_status'] });
    expect(many.available && many.histories.get(x)?.map((e) => [e.commit, e.decisionStatus])).toEqual(expected);
  });

  it('reads a work item status and a PRD frontmatter status', () => {
    expect(statusOfVersion('w.yaml', Buffer.from('title: x\nstatus: in_progress\n'))).toBe('in_progress');
    expect(statusOfVersion('p.md', Buffer.from('---\ntitle: x\nstatus: draft\n---\n# x\n'))).toBe('draft');
    expect(statusOfVersion('d.yaml', Buffer.from([0xff, 0xfe, 0x00]))).toBeUndefined();
    expect(statusOfVersion('d.yaml', Buffer.from('a: &x 1\nb: *x\n'))).toBeUndefined();
  });

  it('is not available from a shallow clone, outside a repository, or when git refuses', async () => {
    const clone = shallowClone(repo, 'content-shallow');
    expect(await fileHistories(clone, ['content/decisions/alpha.yaml'])).toMatchObject({ available: false, reason: 'shallow clone' });
    const outside = await fileHistories(freshDir('no-repo'), ['x.yaml']);
    expect(outside).toMatchObject({ available: false, reason: 'not a git repository' });
    expect(await fileHistories(initRepo('empty'), ['x.yaml'])).toMatchObject({ available: false, reason: 'no commits' });
    const env = { ...process.env, GIT_TEST_ASSUME_DIFFERENT_OWNER: '1' };
    expect(await fileHistories(repo, ['content/decisions/alpha.yaml'], { env })).toMatchObject({
      available: false,
      reason: 'dubious ownership',
    });
  });

  it('gives the build commit: PACKET_BUILD_COMMIT, else HEAD, else undefined', async () => {
    expect(await buildCommit(repo, process.env)).toBe(commits[3]);
    expect(await buildCommit(path.join(repo, 'content'), process.env)).toBe(commits[3]);
    expect(await buildCommit(repo, { ...process.env, PACKET_BUILD_COMMIT: absentSha1 })).toBe(absentSha1);
    expect(await buildCommit(repo, { ...process.env, PACKET_BUILD_COMMIT: '--not-an-id' })).toBeUndefined();
    expect(await buildCommit(freshDir('no-repo-build'), process.env)).toBeUndefined();
  });
});

/** Builds a repository quickly with one `git fast-import`. */
function fastImport(name: string, commits: { subject: string; files: Record<string, string> }[]): string {
  const dir = initRepo(name);
  const parts: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  commits.forEach((commit, index) => {
    parts.push(
      `commit refs/heads/main\nmark :${index + 1}\ncommitter T <t@example.test> ${1767225600 + index * 60} +0000\n${data(commit.subject)}`,
    );
    if (index > 0) parts.push(`from :${index}\n`);
    for (const [file, contents] of Object.entries(commit.files)) parts.push(`M 100644 inline ${file}\n${data(contents)}`);
    parts.push('\n');
  });
  // HEAD already names refs/heads/main; no checkout is needed for history or verification.
  git(dir, ['fast-import', '--quiet'], { input: parts.join('') });
  return dir;
}

describe('at scale', () => {
  it('verifies 20,000 evidence references (200 commits × 100 paths), in batches', async () => {
    const commits = Array.from({ length: 200 }, (_, c) => ({
      subject: `commit ${c}`,
      files: Object.fromEntries(Array.from({ length: 100 }, (_, p) => [`evidence/c${c}/file-${p}.txt`, `commit ${c} path ${p}\n`])),
    }));
    const repo = fastImport('bench-evidence', commits);
    const ids = git(repo, ['rev-list', '--reverse', 'main']).split('\n');
    expect(ids).toHaveLength(200);

    const evidence = new Map<string, Loaded<EvidenceReference>>();
    ids.forEach((commit, c) => {
      for (let p = 0; p < 100; p += 1) {
        const id = `ev-${c}-${p}`;
        // Every 100th reference names a path that only appears at a later commit.
        const file = p === 99 && c < 199 ? `evidence/c${c + 1}/file-0.txt` : `evidence/c${c}/file-${p}.txt`;
        evidence.set(id, {
          id,
          file: `evidence/${id}.yaml`,
          source: `evidence/${id}.yaml`,
          positions: new PositionIndex(),
          data: { title: id, kind: 'validator', repository: 'bench', path: file, commit },
        });
      }
    });
    const records: RecordSet = {
      kinds: new Map(),
      prds: new Map(),
      decisions: new Map(),
      evidence,
      workItems: new Map(),
      repositories: {
        id: 'repositories',
        file: 'repositories.yaml',
        source: 'repositories.yaml',
        positions: new PositionIndex(),
        data: { repositories: [{ id: 'bench', url: 'https://example.test/bench', local_path: repo }], target_repositories: [] },
      },
      ids: {
        kind: new Set(),
        prd: new Set(),
        decision: new Set(),
        evidence: new Set(evidence.keys()),
        'work-item': new Set(),
        repositories: new Set(),
        roster: new Set(),
        approvals: new Set(),
        'roster-approvals': new Set(),
      },
    };

    const verification = await verifyEvidence(records, scratch);
    const counts = { verified: 0, failed: 0 };
    for (const result of verification.values()) counts[result.status === 'verified' ? 'verified' : 'failed'] += 1;
    expect(counts).toEqual({ verified: 20_000 - 199, failed: 199 });
  });

  it('gives histories of 10,000 files, every version parsed', async () => {
    const decisions = Array.from({ length: 5000 }, (_, i) => `content/decisions/packet-${i}.yaml`);
    const workItems = Array.from({ length: 5000 }, (_, i) => `content/work-items/ITEM-${i}.yaml`);
    const commits = [
      // Every version differs, so every version is parsed (no cache hits): 25,000 versions.
      {
        subject: 'Add all',
        files: Object.fromEntries([
          ...decisions.map((f, i) => [f, `title: Packet ${i}\ndecision_status: not_decided\n`]),
          ...workItems.map((f, i) => [f, `title: Item ${i}\nstatus: blocked\n`]),
        ]),
      },
      {
        subject: 'Decide all',
        files: Object.fromEntries(decisions.map((f, i) => [f, `title: Packet ${i}\ndecision_status: local_provider_required\n`])),
      },
      ...Array.from({ length: 20 }, (_, k) => ({
        subject: `Progress ${k}`,
        files: Object.fromEntries(workItems.slice(k * 250, k * 250 + 250).map((f, i) => [f, `status: in_progress\nnote: ${k}-${i}\n`])),
      })),
    ];
    const repo = fastImport('bench-history', commits);
    const result = await fileHistories(repo, [...decisions, ...workItems], { stateFields: ['decision_status'] });
    if (!result.available) throw new Error(result.message);
    expect(result.histories.size).toBe(10_000);
    expect(result.histories.get(decisions[42]!)?.map((e) => e.decisionStatus)).toEqual(['local_provider_required', 'not_decided']);
    expect(result.histories.get(workItems[4999]!)?.map((e) => e.decisionStatus)).toEqual(['in_progress', 'blocked']);
  });
});
