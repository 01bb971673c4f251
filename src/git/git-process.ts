// How every git process of the project is started, and what it may see.
//
// - git runs through spawn with an argument ARRAY (never a shell), in a sanitized environment
//   (no GIT_DIR & co., LC_ALL=C, no pager, no prompt, no askpass, no replace objects, literal
//   pathspecs, no system config, an empty HOME that holds only the user's safe.directory list).
// - Nothing reaches a network or another repository, and no configured program runs: every
//   protocol is pinned to `never` on the command line (a repository-local
//   `protocol.file.allow=always` beats a general `protocol.allow=never`, never a specific one
//   given with -c), GIT_NO_LAZY_FETCH=1 (git 2.45+), fsmonitor off, hooks at /dev/null, no
//   credential helper. What the command line cannot override (a filter, textconv or diff driver
//   named by a subsection, a partial clone's lazy fetch) is handled by the client: it runs only
//   plumbing that consults none of them, and refuses a partial clone (./git-client.ts).
// - A failure is typed (GitError.kind) and its message names no path and no object id.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type GitErrorKind =
  | 'git-unavailable'
  | 'missing-directory'
  | 'not-a-repository'
  | 'dubious-ownership'
  | 'no-commits'
  | 'shallow'
  | 'timeout'
  | 'unsafe-config'
  | 'not-a-commit'
  | 'failed';

/** A refusal or failure of git, typed. The message names no path and no object id. */
export class GitError extends Error {
  readonly kind: GitErrorKind;
  constructor(kind: GitErrorKind, message: string) {
    super(message);
    this.name = 'GitError';
    this.kind = kind;
  }
}

// Variables that are kept although they start with GIT_: a global configuration the caller
// named explicitly (for safe.directory), and a test switch that only makes git stricter.
const keptGitVariables = new Set(['GIT_CONFIG_GLOBAL', 'GIT_TEST_ASSUME_DIFFERENT_OWNER']);
// Other variables that name programs git would run.
const droppedVariables = new Set(['SSH_ASKPASS', 'EDITOR', 'VISUAL', 'HOME', 'XDG_CONFIG_HOME']);

const cleanHomes = new Map<string, string>();

/**
 * An empty HOME (and XDG_CONFIG_HOME) for git, made once per process: the user's ~/.gitconfig
 * and the system's config (aliases, pagers, credential helpers, …) are not read. Its `.gitconfig`
 * holds only the safe.directory entries of the system and the user's global configuration, so a
 * clone trusted there is still trusted (git 2.39 ignores safe.directory given with -c).
 */
export function cleanGitHome(base: NodeJS.ProcessEnv = process.env): string {
  const key = `${base.HOME ?? ''}\0${base.XDG_CONFIG_HOME ?? ''}`;
  const known = cleanHomes.get(key);
  if (known !== undefined) return known;
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'decision-packet-git-home-')));
  const trusted = userSafeDirectories(base, dir);
  writeFileSync(path.join(dir, '.gitconfig'), trusted.map((entry) => `[safe]\n\tdirectory = ${quoteConfigValue(entry)}\n`).join(''));
  process.once('exit', () => {
    rmSync(dir, { recursive: true, force: true });
  });
  cleanHomes.set(key, dir);
  return dir;
}

function userSafeDirectories(base: NodeJS.ProcessEnv, neutralDir: string): string[] {
  const env: NodeJS.ProcessEnv = { PATH: base.PATH, LC_ALL: 'C' };
  if (base.HOME !== undefined) env.HOME = base.HOME;
  if (base.XDG_CONFIG_HOME !== undefined) env.XDG_CONFIG_HOME = base.XDG_CONFIG_HOME;
  const entries: string[] = [];
  // The machine's and the user's own files (a container job often trusts its workspace in
  // either); `git config --system/--global` parses them only, nothing in them is run.
  for (const scope of base.GIT_CONFIG_NOSYSTEM ? ['--global'] : ['--system', '--global']) {
    if (scope === '--global' && base.HOME === undefined && base.XDG_CONFIG_HOME === undefined) continue;
    const result = spawnSync('git', ['config', scope, '--null', '--get-all', 'safe.directory'], {
      cwd: neutralDir,
      env,
      encoding: 'utf8',
      timeout: 10_000,
    });
    if (result.status !== 0 || typeof result.stdout !== 'string') continue;
    entries.push(...result.stdout.split('\0').filter((entry) => entry !== '' && !entry.includes('\n')));
  }
  return entries;
}

function quoteConfigValue(value: string): string {
  return `"${value.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

/** The environment git runs in: no GIT_DIR, GIT_WORK_TREE, GIT_CONFIG_PARAMETERS, …; C locale; no pager, prompt, askpass, lazy fetch, system config or user config. */
export function sanitizedGitEnv(base: NodeJS.ProcessEnv = process.env, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (key.toUpperCase().startsWith('GIT_') && !keptGitVariables.has(key)) continue;
    if (key === 'LANG' || key === 'LANGUAGE' || key.startsWith('LC_') || droppedVariables.has(key)) continue;
    env[key] = value;
  }
  const home = cleanGitHome(base);
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: home,
    LC_ALL: 'C',
    LANG: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    // Empty, not unset: git then asks no program (core.askPass and SSH_ASKPASS come after it).
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    GIT_NO_LAZY_FETCH: '1',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_NO_REPLACE_OBJECTS: '1',
    GIT_LITERAL_PATHSPECS: '1',
    ...extra,
  };
}

/** Every transport git knows, each pinned to `never`: a specific key set in the repository would beat `protocol.allow`. */
export const pinnedProtocols = ['file', 'git', 'ssh', 'http', 'https', 'ftp', 'ftps', 'ext'] as const;

export const globalArguments: readonly string[] = [
  '--no-pager',
  '--no-replace-objects',
  '--literal-pathspecs',
  '-c',
  'protocol.allow=never',
  ...pinnedProtocols.flatMap((name) => ['-c', `protocol.${name}.allow=never`]),
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.hooksPath=/dev/null',
  // An empty helper resets the list: no credential helper runs.
  '-c',
  'credential.helper=',
  '-c',
  'log.showSignature=false',
  '-c',
  'core.quotePath=false',
];

export interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Written to git's stdin (then closed). */
  input?: string;
}

/** Maps git's stderr of a failed run to a typed error. */
export function classifyGitFailure(code: number, stderr: string): GitError {
  if (/dubious ownership/i.test(stderr)) {
    return new GitError(
      'dubious-ownership',
      'git refuses the repository: it is owned by another user ("dubious ownership"). Run as its owner, or trust it with `git config --global --add safe.directory <folder>`.',
    );
  }
  if (/not a git repository/i.test(stderr)) {
    return new GitError(
      'not-a-repository',
      "The folder is not a git repository (it must be the clone's own top folder, or a bare repository).",
    );
  }
  if (/does not have any commits yet|unknown revision or path not in the working tree|bad default revision/i.test(stderr)) {
    return new GitError('no-commits', 'The repository has no commit yet.');
  }
  return new GitError('failed', `git failed (exit code ${code}).`);
}

/** Runs git once with the global arguments; resolves with its exit code and output, whatever the code. */
export function runGit(gitBinary: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const child = spawn(gitBinary, [...globalArguments, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() => {
        reject(new GitError('timeout', `git did not answer within ${Math.round(options.timeoutMs / 1000)} s.`));
      });
    }, options.timeoutMs);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish(() => {
        reject(gitUnavailable(error.code));
      });
    });
    child.on('close', (code) => {
      finish(() => {
        resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') });
      });
    });
    // git may exit before reading all input (a refusal): ignore EPIPE, the exit code tells.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/** git could not be started (ENOENT: not installed or not on PATH). */
export function gitUnavailable(code: string | undefined): GitError {
  return code === 'ENOENT'
    ? new GitError('git-unavailable', 'git could not be run: is it installed and on PATH?')
    : new GitError('git-unavailable', `git could not be run (${code ?? 'unknown error'}).`);
}
