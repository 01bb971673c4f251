// A clone named by local_path is content: its git config must never make `check` or `build`
// fetch or run a program. Real temporary repositories, each configured to run a marker command
// through one route; `check` and `build` must refuse each with DP507 and no marker may appear.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitClient, globalArguments, pinnedProtocols, sanitizedGitEnv } from '../src/git/git-client.ts';
import { maskedKey, parseConfigList, unsafeSetting } from '../src/git/repository-config.ts';
import { makeContent } from './helpers/fixtures.ts';
import { makeBuildDir, runCli } from './helpers/run.ts';

const scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'dp-git-safety-')));
const markers = path.join(scratch, 'markers');
mkdirSync(markers);
const emptyGlobalConfig = path.join(scratch, 'empty-gitconfig');
writeFileSync(emptyGlobalConfig, '');
const gitEnvironment = { GIT_CONFIG_GLOBAL: emptyGlobalConfig, GIT_CONFIG_NOSYSTEM: '1' };
process.env.GIT_CONFIG_GLOBAL = emptyGlobalConfig;
process.env.GIT_CONFIG_NOSYSTEM = '1';
const cleanup: string[] = [scratch];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, {
    cwd,
    env: { PATH: process.env.PATH, HOME: scratch, ...gitEnvironment, ...env },
    encoding: 'utf8',
  }).trim();
}

/** The shell command a route runs: it leaves a marker file named after the route. */
const marker = (route: string) => path.join(markers, route);
const touch = (route: string) => `touch ${marker(route)}`;

let upstream: string;
let first: string;
let second: string;

function commit(repo: string, file: string, text: string, subject: string): string {
  writeFileSync(path.join(repo, file), text);
  git(repo, ['add', '--', file]);
  git(repo, ['-c', 'user.name=T', '-c', 'user.email=t@example.test', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', subject]);
  return git(repo, ['rev-parse', 'HEAD']);
}

/** A full clone of upstream at its first commit, with the given config lines added. */
function clone(route: string, config: [string, string][] = [], options: { bare?: boolean } = {}): string {
  const dir = path.join(scratch, 'repos', route);
  git(scratch, ['clone', '-q', ...(options.bare ? ['--bare'] : []), '--no-local', upstream, dir]);
  for (const [key, value] of config) git(dir, ['config', '--add', key, value]);
  return dir;
}

interface Route {
  name: string;
  /** Builds the repository; returns the folder local_path names. */
  make: () => string;
  /** The commit the evidence names (default: the first, present in the clone). */
  commit?: () => string;
  /** What the message must name. */
  setting: string;
}

const routes: Route[] = [
  {
    // The route of the issue: a partial clone with a promisor remote whose upload-pack is a
    // command, a repository-local protocol.file.allow=always, and a commit the clone lacks.
    name: 'uploadpack',
    make: () => {
      const dir = clone('uploadpack');
      git(dir, ['reset', '-q', '--hard', first]);
      git(dir, ['update-ref', '-d', 'refs/remotes/origin/main']);
      git(dir, ['reflog', 'expire', '--expire=now', '--all']);
      git(dir, ['gc', '-q', '--prune=now']);
      for (const [key, value] of [
        ['core.repositoryformatversion', '1'],
        ['extensions.partialClone', 'origin'],
        ['remote.origin.promisor', 'true'],
        ['remote.origin.partialclonefilter', 'blob:none'],
        ['remote.origin.uploadpack', `${touch('uploadpack')}; git-upload-pack`],
        ['protocol.file.allow', 'always'],
      ])
        git(dir, ['config', key!, value!]);
      return dir;
    },
    commit: () => second,
    setting: 'partial clone',
  },
  {
    name: 'uploadpack-only',
    make: () => clone('uploadpack-only', [['remote.origin.uploadpack', `${touch('uploadpack-only')}; git-upload-pack`]]),
    setting: 'remote.*.uploadpack',
  },
  { name: 'promisor', make: () => clone('promisor', [['remote.origin.promisor', 'true']]), setting: 'remote.*.promisor' },
  { name: 'fsmonitor', make: () => clone('fsmonitor', [['core.fsmonitor', touch('fsmonitor')]]), setting: 'core.fsmonitor' },
  {
    name: 'hooks',
    make: () => {
      const hooks = path.join(scratch, 'hooks');
      mkdirSync(hooks, { recursive: true });
      for (const hook of ['post-checkout', 'reference-transaction', 'post-index-change'])
        writeFileSync(path.join(hooks, hook), `#!/bin/sh\n${touch('hooks')}\n`, { mode: 0o755 });
      return clone('hooks', [['core.hooksPath', hooks]]);
    },
    setting: 'core.hookspath',
  },
  { name: 'pager', make: () => clone('pager', [['core.pager', touch('pager')]]), setting: 'core.pager' },
  { name: 'pager-command', make: () => clone('pager-command', [['pager.log', touch('pager-command')]]), setting: 'pager.log' },
  { name: 'textconv', make: () => clone('textconv', [['diff.evil.textconv', touch('textconv')]]), setting: 'diff.*.textconv' },
  { name: 'diff-external', make: () => clone('diff-external', [['diff.external', touch('diff-external')]]), setting: 'diff.external' },
  { name: 'filter', make: () => clone('filter', [['filter.evil.smudge', touch('filter')]]), setting: 'filter.*.smudge' },
  { name: 'ssh', make: () => clone('ssh', [['core.sshCommand', touch('ssh')]]), setting: 'core.sshcommand' },
  { name: 'askpass', make: () => clone('askpass', [['core.askPass', touch('askpass')]]), setting: 'core.askpass' },
  { name: 'credential', make: () => clone('credential', [['credential.helper', `!${touch('credential')}`]]), setting: 'credential.helper' },
  {
    name: 'gpg',
    make: () =>
      clone('gpg', [
        ['log.showSignature', 'true'],
        ['gpg.program', touch('gpg')],
      ]),
    setting: 'gpg.program',
  },
  { name: 'alias', make: () => clone('alias', [['alias.cat-file', `!${touch('alias')}`]]), setting: 'alias.cat-file' },
  { name: 'editor', make: () => clone('editor', [['core.editor', touch('editor')]]), setting: 'core.editor' },
  {
    name: 'include',
    make: () => {
      const included = path.join(scratch, 'included.config');
      writeFileSync(included, `[core]\n\tfsmonitor = ${touch('include')}\n`);
      // Relative to the config file that names it, as git resolves it.
      return clone('include', [['include.path', path.relative(path.join(scratch, 'repos', 'include', '.git'), included)]]);
    },
    setting: 'core.fsmonitor',
  },
  {
    name: 'include-if',
    make: () => {
      const included = path.join(scratch, 'included-if.config');
      writeFileSync(included, `[remote "origin"]\n\tuploadpack = ${touch('include-if')}; git-upload-pack\n`);
      return clone('include-if', [['includeIf.gitdir:/.path', included]]);
    },
    setting: 'remote.*.uploadpack',
  },
  {
    // local_path names a worktree: its .git file leads to a git dir whose commondir holds the config.
    name: 'worktree',
    make: () => {
      const main = clone('worktree-main');
      const worktree = path.join(scratch, 'repos', 'worktree');
      git(main, ['worktree', 'add', '-q', '--detach', worktree, first]);
      git(main, ['config', 'core.fsmonitor', touch('worktree')]);
      return worktree;
    },
    setting: 'core.fsmonitor',
  },
  {
    name: 'config-worktree',
    make: () => {
      const dir = clone('config-worktree', [['extensions.worktreeConfig', 'true']]);
      writeFileSync(path.join(dir, '.git', 'config.worktree'), `[core]\n\tpager = ${touch('config-worktree')}\n`);
      return dir;
    },
    setting: 'core.pager',
  },
  {
    name: 'bare',
    make: () => clone('bare', [['remote.origin.uploadpack', `${touch('bare')}; git-upload-pack`]], { bare: true }),
    setting: 'remote.*.uploadpack',
  },
];

// Repositories with ordinary configuration: verified as before.
const safeRoutes = [
  {
    name: 'plain',
    make: () =>
      clone('plain', [
        ['user.name', 'Someone'],
        ['branch.main.description', 'x'],
        ['receive.denyCurrentBranch', 'refuse'],
      ]),
  },
  {
    name: 'fsmonitor-off',
    make: () =>
      clone('fsmonitor-off', [
        ['core.fsmonitor', 'false'],
        ['pager.branch', 'false'],
      ]),
  },
];

let content: string;

beforeAll(() => {
  upstream = path.join(scratch, 'upstream');
  mkdirSync(upstream);
  git(upstream, ['init', '-q', '-b', 'main']);
  first = commit(upstream, 'README.md', '# upstream\n', 'first');
  second = commit(upstream, 'later.md', 'later\n', 'second');

  content = makeContent();
  cleanup.push(path.dirname(content));
  const repositories = ['repositories:', '  - id: product', '    url: https://github.com/example/product'];
  for (const route of [...routes, ...safeRoutes]) {
    const dir = route.make();
    repositories.push(`  - id: route-${route.name}`, `    url: https://github.com/example/${route.name}`, `    local_path: "${dir}"`);
    const sha = (route as Partial<Route>).commit?.() ?? first;
    writeFileSync(
      path.join(content, 'evidence', `route-${route.name}.yaml`),
      `title: Route ${route.name}\nkind: validator\nrepository: route-${route.name}\npath: README.md\ncommit: "${sha}"\n`,
    );
  }
  repositories.push('target_repositories: []', '');
  writeFileSync(path.join(content, 'repositories.yaml'), repositories.join('\n'));
});

interface JsonIssue {
  rule: string;
  file: string;
  message: string;
}

function issuesOf(stdout: string): JsonIssue[] {
  return JSON.parse(stdout) as JsonIssue[];
}

function expectEveryRouteRefused(issues: JsonIssue[]) {
  for (const route of routes) {
    const found = issues.filter((issue) => issue.file.endsWith(`evidence/route-${route.name}.yaml`));
    expect(found, route.name).toEqual([expect.objectContaining({ rule: 'DP507' })]);
    expect(found[0]!.message, route.name).toContain(route.setting);
    expect(found[0]!.message, route.name).toContain('git was not run on it');
  }
  for (const route of safeRoutes)
    expect(
      issues.filter((issue) => issue.file.endsWith(`evidence/route-${route.name}.yaml`)),
      route.name,
    ).toEqual([]);
  expect(readdirSync(markers)).toEqual([]);
}

describe('a local_path clone whose config would fetch or run a program', () => {
  it('check refuses each route with DP507 naming the setting, and runs nothing', async () => {
    const result = await runCli('check', ['--format', 'json'], {
      PACKET_TODAY: '2026-11-24',
      PACKET_CONTENT_DIR: content,
      ...gitEnvironment,
    });
    expect(result.code).toBe(1);
    expectEveryRouteRefused(issuesOf(result.stdout));
  });

  it('build refuses them too, and runs nothing', async () => {
    const dir = makeBuildDir('git-safety');
    cleanup.push(dir);
    const result = await runCli('build', ['--format', 'json'], {
      PACKET_TODAY: '2026-11-24',
      PACKET_CONTENT_DIR: content,
      PACKET_OUT_DIR: path.join(dir, 'dist'),
      PACKET_CACHE_DIR: path.join(dir, 'cache'),
      ...gitEnvironment,
    });
    expect(result.code).toBe(1);
    expectEveryRouteRefused(issuesOf(result.stdout));
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  }, 120_000);
});

describe('every git call is pinned', () => {
  it('pins every protocol to never on the command line, and turns lazy fetch, prompts, askpass and user config off', () => {
    for (const name of pinnedProtocols) expect(globalArguments).toContain(`protocol.${name}.allow=never`);
    expect(globalArguments).toEqual(
      expect.arrayContaining([
        '--no-pager',
        'protocol.allow=never',
        'core.fsmonitor=false',
        'core.hooksPath=/dev/null',
        'credential.helper=',
      ]),
    );
    const env = sanitizedGitEnv({
      PATH: '/bin',
      HOME: '/home/someone',
      XDG_CONFIG_HOME: '/home/someone/.config',
      SSH_ASKPASS: '/bin/evil',
      GIT_SSH_COMMAND: 'evil',
      GIT_EXTERNAL_DIFF: 'evil',
    });
    expect(env).toMatchObject({
      GIT_NO_LAZY_FETCH: '1',
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_ASKPASS: '',
      SSH_ASKPASS: '',
    });
    expect(env.HOME).not.toBe('/home/someone');
    expect(env.XDG_CONFIG_HOME).toBe(env.HOME);
    expect(readdirSync(env.HOME!)).toEqual(['.gitconfig']);
    expect(env.GIT_SSH_COMMAND).toBeUndefined();
    expect(env.GIT_EXTERNAL_DIFF).toBeUndefined();
  });

  it("keeps the user's safe.directory list (and nothing else) from the global config", () => {
    const home = path.join(scratch, 'user-home');
    mkdirSync(home);
    writeFileSync(path.join(home, '.gitconfig'), `[safe]\n\tdirectory = /srv/trusted\n[core]\n\tpager = ${touch('user-pager')}\n`);
    const env = sanitizedGitEnv({ PATH: process.env.PATH, HOME: home });
    expect(git(scratch, ['config', '--file', path.join(env.HOME!, '.gitconfig'), '--list']).split('\n')).toEqual([
      'safe.directory=/srv/trusted',
    ]);
  });

  it("a partial clone of the project's own repository (not a local_path clone) is refused before an object is read: no lazy fetch, even with a repository-local protocol.file.allow=always", async () => {
    const dir = clone('own-partial');
    git(dir, ['reset', '-q', '--hard', first]);
    git(dir, ['update-ref', '-d', 'refs/remotes/origin/main']);
    git(dir, ['reflog', 'expire', '--expire=now', '--all']);
    git(dir, ['gc', '-q', '--prune=now']);
    for (const [key, value] of [
      ['core.repositoryformatversion', '1'],
      ['extensions.partialClone', 'origin'],
      ['remote.origin.promisor', 'true'],
      ['remote.origin.uploadpack', `${touch('own-partial')}; git-upload-pack`],
      ['protocol.file.allow', 'always'],
    ])
      git(dir, ['config', key!, value!]);
    const client = createGitClient(dir, { env: { ...process.env, ...gitEnvironment } });
    expect((await client.info()).shallow).toBe(false); // where it is: rev-parse reads no object
    await expect(client.lookupObjects([second])).rejects.toMatchObject({
      kind: 'unsafe-config',
      message: expect.stringContaining('partial clone'),
    });
    await expect(client.readBlobs([first], 1024)).rejects.toMatchObject({ kind: 'unsafe-config' });
    expect(existsSync(marker('own-partial'))).toBe(false);
  });
});

describe('reading a git config', () => {
  it('masks subsections and tells harmless keys from command-valued ones', () => {
    expect(maskedKey('remote.my.origin.uploadpack')).toBe('remote.*.uploadpack');
    expect(maskedKey('core.pager')).toBe('core.pager');
    const entries = parseConfigList('remote.origin.url\n/x\0core.bare\nfalse\0core.fsmonitor\0');
    expect(entries).toEqual([{ key: 'remote.origin.url', value: '/x' }, { key: 'core.bare', value: 'false' }, { key: 'core.fsmonitor' }]);
    expect(entries.map(unsafeSetting)).toEqual([undefined, undefined, { setting: 'core.fsmonitor', reason: 'runs-a-program' }]);
    expect(unsafeSetting({ key: 'submodule.x.update', value: 'checkout' })).toBeUndefined();
    expect(unsafeSetting({ key: 'submodule.x.update', value: '!run' })).toEqual({
      setting: 'submodule.*.update',
      reason: 'runs-a-program',
    });
    expect(unsafeSetting({ key: 'remote.origin.vcs', value: 'x' })).toEqual({ setting: 'remote.*.vcs', reason: 'runs-a-program' });
  });
});
