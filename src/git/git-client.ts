// A small, careful interface over the git command line.
//
// - git runs through spawn with an argument ARRAY (never a shell), in a sanitized environment
//   (no GIT_DIR & co., LC_ALL=C, no pager, no prompt, no askpass, no replace objects, literal
//   pathspecs, no system config, an empty HOME that holds only the user's safe.directory list).
// - Nothing reaches a network or another repository, and no configured program runs: every
//   protocol is pinned to `never` on the command line (a repository-local
//   `protocol.file.allow=always` beats a general `protocol.allow=never`, never a specific one
//   given with -c), GIT_NO_LAZY_FETCH=1 (git 2.45+), fsmonitor off, hooks at /dev/null, no
//   credential helper. Every git process of the project is spawned here, so this holds for all.
// - A clone named by `local_path` (exactRepository) is content: before the first git command on
//   it, its configuration is read without running git on it (./repository-config.ts), and a
//   partial clone or a config that names a program is refused ('unsafe-config', DP507). git 2.39
//   cannot be told not to fetch lazily, so refusing is the only safe answer.
// - Only validated values reach git: object ids are full lowercase 40/64-hex, paths pass
//   isSafeRelativePath (relative, no "..", never starting with "-"), and every pathspec follows
//   `--` or is fed on stdin.
// - Existence is asked with `cat-file` (`--batch-check`: one process answers many lines), never
//   with `rev-parse --verify`, which succeeds for any well-formed id. Evidence contents are never
//   read; `readBlobs` exists for the site's own content history only.
// - Refusals are typed (GitError.kind): dubious ownership, not a repository, git missing, … and
//   their messages never carry a path or an object id.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isSafeRelativePath } from '../core/repository-path.ts';
import { findGitDir, GitConfigReaderUnavailable, inspectRepositoryConfig, type RepositoryLocation, type UnsafeSetting } from './repository-config.ts';

export type ObjectFormat = 'sha1' | 'sha256';
export type CommitCheck = 'yes' | 'no' | 'not-a-commit';
/** What `cat-file --batch-check` says an id names: its type, or `missing`. */
export type ObjectLookup = 'commit' | 'tree' | 'blob' | 'tag' | 'missing';

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

export interface RepositoryInfo {
  objectFormat: ObjectFormat;
  shallow: boolean;
  bare: boolean;
  /** Absolute git directory. */
  gitDir: string;
  /** Absolute top folder of the working tree; undefined for a bare repository. */
  topLevel?: string;
}

/** One change of a commit as `git log --raw` reports it. */
export interface LogChange {
  /** A, M, D, R, C, T, … (the score of R/C dropped). */
  status: string;
  /** The path after the change (for R/C the new path). */
  path: string;
  /** For R/C: the path before. */
  fromPath?: string;
  /** The blob after the change; undefined when deleted or not a regular file. */
  blob?: string;
}

export interface LogCommit {
  commit: string;
  /** Committer date, seconds since the epoch. */
  committerTime: number;
  subject: string;
  changes: LogChange[];
}

/** One entry of `git ls-tree -r`: a blob (a file or, mode 120000, a symbolic link) or a submodule. */
export interface TreeEntry {
  /** 100644, 100755, 120000 (symbolic link), 160000 (submodule), … */
  mode: string;
  type: 'blob' | 'commit' | 'tree' | 'tag';
  oid: string;
  /** Path from the repository's top. */
  path: string;
}

export interface LogOptions {
  /** Follow one file across renames (`--follow`): exactly one pathspec. */
  follow?: boolean;
}

export interface GitClient {
  /** The folder git runs in (as given, resolved). */
  readonly dir: string;
  info(): Promise<RepositoryInfo>;
  objectFormat(): Promise<ObjectFormat>;
  isShallow(): Promise<boolean>;
  /** HEAD's full id, or undefined when the repository has no commit yet. */
  headCommit(): Promise<string | undefined>;
  /** Throws GitError 'shallow' when the id is missing from a shallow clone (it cannot say). */
  commitExists(sha: string): Promise<CommitCheck>;
  pathExistsAt(sha: string, filePath: string): Promise<boolean>;
  /** The type of each id (one `cat-file --batch-check` process for all). `missing` in a shallow clone may mean "beyond its history": check isShallow(). */
  lookupObjects(shas: readonly string[]): Promise<Map<string, ObjectLookup>>;
  /** Whether each path exists at its commit, in input order (one process for all). */
  pathsExist(references: readonly { commit: string; path: string }[]): Promise<boolean[]>;
  /** `git log --raw` over HEAD limited to the pathspecs (relative to the repository's top), newest first. Throws GitError 'shallow' in a shallow clone. */
  log(pathspecs: readonly string[], options?: LogOptions): Promise<LogCommit[]>;
  /** Contents of blobs by id (one `cat-file --batch` process). Not for evidence. */
  readBlobs(oids: readonly string[]): Promise<Map<string, Buffer>>;
  /**
   * The commit a revision names (a full id, a branch, a tag, `HEAD~1`, …), verified to exist and
   * to be a commit. Throws GitError 'not-a-commit' when it names none (a value that would read as
   * an option is refused unseen), 'shallow' when a shallow clone may lack it.
   */
  resolveCommit(revision: string): Promise<string>;
  /** The top folder of the working tree: what `listTree` and tree paths are relative to. */
  topLevel(): Promise<string>;
  /** `ls-tree -r` of a verified commit under a path from the repository's top ('' for all). */
  listTree(commit: string, treePath: string): Promise<TreeEntry[]>;
  /** The type of the object at `<commit>:<path>` ('' for the commit's root tree), or 'missing'. */
  typeAtPath(commit: string, treePath: string): Promise<ObjectLookup>;
  /** Whether the working tree under a path (from the top; '' for all) matches HEAD: nothing changed, staged or untracked. */
  isCleanAt(treePath: string): Promise<boolean>;
  /** The last commit on HEAD's first-parent line committed at or before a time (seconds since the epoch), or undefined. */
  commitAsOf(epochSeconds: number): Promise<string | undefined>;
  /** The paths (from the root) that differ between two verified commits' trees; no file is read, no filter runs. */
  changedPaths(from: string, to: string): Promise<string[]>;
}

export interface GitClientOptions {
  /** The environment to sanitize; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Per git process; default 120 s. */
  timeoutMs?: number;
  /**
   * The folder must itself be the repository (a clone's top folder or a bare repository): git
   * does not look for one in parent folders. For local clones named in repositories.yaml.
   */
  exactRepository?: boolean;
  /** The git executable; default `git`. */
  gitBinary?: string;
}

const objectIdPattern = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

export function isObjectId(value: unknown): value is string {
  return typeof value === 'string' && objectIdPattern.test(value);
}

/** The object format a full id belongs to, by its length. */
export function objectFormatOfId(id: string): ObjectFormat {
  return id.length === 64 ? 'sha256' : 'sha1';
}

function assertObjectId(value: string): void {
  if (!isObjectId(value)) throw new GitError('failed', 'An object id given to git is not a full lowercase 40- or 64-hex id.');
}

function assertSafePath(value: string): void {
  if (!isSafeRelativePath(value)) throw new GitError('failed', 'A path given to git is not a safe relative path.');
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
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
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
    const result = spawnSync('git', ['config', scope, '--null', '--get-all', 'safe.directory'], { cwd: neutralDir, env, encoding: 'utf8', timeout: 10_000 });
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
export const pinnedProtocols = ['file', 'git', 'ssh', 'http', 'https', 'ext'] as const;

export const globalArguments: readonly string[] = [
  '--no-pager',
  '--no-replace-objects',
  '--literal-pathspecs',
  '-c', 'protocol.allow=never',
  ...pinnedProtocols.flatMap((name) => ['-c', `protocol.${name}.allow=never`]),
  '-c', 'core.fsmonitor=false',
  '-c', 'core.hooksPath=/dev/null',
  // An empty helper resets the list: no credential helper runs.
  '-c', 'credential.helper=',
  '-c', 'log.showSignature=false',
  '-c', 'core.quotePath=false',
];

const settingWording: Record<UnsafeSetting['reason'], (setting: string) => string> = {
  'partial-clone': (setting) =>
    `it is a partial clone (its git configuration sets ${setting}): git would fetch missing objects from its remote and run the remote's upload-pack program. git was not run on it; use a full clone (git clone without --filter).`,
  'runs-a-program': (setting) =>
    `its git configuration sets ${setting}, which names a program for git to run. git was not run on it; remove the setting from the clone's config (and any file it includes), or point local_path at a fresh clone.`,
  unreadable: (setting) =>
    `its git configuration could not be read completely (${setting}: an include that cannot be followed, or a file that does not parse). git was not run on it.`,
};

/** The refusal of a repository whose own configuration is unsafe; names the setting (subsection masked), never a value. */
export function unsafeConfigError(unsafe: UnsafeSetting): GitError {
  return new GitError('unsafe-config', `The repository is refused: ${settingWording[unsafe.reason](unsafe.setting)}`);
}

interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Maps git's stderr of a failed run to a typed error. */
export function classifyGitFailure(code: number, stderr: string): GitError {
  if (/dubious ownership/i.test(stderr)) {
    return new GitError('dubious-ownership', 'git refuses the repository: it is owned by another user ("dubious ownership"). Run as its owner, or trust it with `git config --global --add safe.directory <folder>`.');
  }
  if (/not a git repository/i.test(stderr)) {
    return new GitError('not-a-repository', 'The folder is not a git repository (it must be the clone\'s own top folder, or a bare repository).');
  }
  if (/does not have any commits yet|unknown revision or path not in the working tree|bad default revision/i.test(stderr)) {
    return new GitError('no-commits', 'The repository has no commit yet.');
  }
  return new GitError('failed', `git failed (exit code ${code}).`);
}

/** A revision git may be asked about: printable, not an option, no revision-range syntax. */
export function isSafeRevision(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 256 && !value.startsWith('-') && !/[\u0000-\u0020\u007f:]|\.\.|@\{-/.test(value);
}

function notACommit(): GitError {
  return new GitError('not-a-commit', 'The revision does not name a commit of this repository.');
}

function shallowError(): GitError {
  return new GitError('shallow', 'The clone is shallow and cannot answer: fetch full history (CI: fetch-depth: 0).');
}

class CliGitClient implements GitClient {
  readonly dir: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly timeoutMs: number;
  private readonly exactRepository: boolean;
  private readonly gitBinary: string;
  private infoPromise: Promise<RepositoryInfo> | undefined;
  private guardPromise: Promise<RepositoryLocation | undefined> | undefined;
  private workDir: string | undefined;

  constructor(dir: string, options: GitClientOptions) {
    this.dir = path.resolve(dir);
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.exactRepository = options.exactRepository ?? false;
    this.gitBinary = options.gitBinary ?? 'git';
    this.env = sanitizedGitEnv(options.env ?? process.env);
  }

  /** The real folder to run in, checked once; with exactRepository, parents are off limits. */
  private resolveWorkDir(): string {
    if (this.workDir !== undefined) return this.workDir;
    let real: string;
    try {
      real = realpathSync(this.dir);
      if (!statSync(real).isDirectory()) throw new Error('not a folder');
    } catch {
      throw new GitError('missing-directory', 'The folder does not exist or is not a folder.');
    }
    if (this.exactRepository) {
      const parent = path.dirname(real);
      if (parent !== real) this.env.GIT_CEILING_DIRECTORIES = parent;
    }
    this.workDir = real;
    return real;
  }

  /** For an exact repository: its configuration is inspected once, before git runs on it. */
  private guard(): Promise<RepositoryLocation | undefined> {
    this.guardPromise ??= this.inspect();
    return this.guardPromise;
  }

  private async inspect(): Promise<RepositoryLocation | undefined> {
    if (!this.exactRepository) return undefined;
    const dir = this.resolveWorkDir();
    const location = findGitDir(dir);
    if (location === undefined) {
      throw new GitError('not-a-repository', 'The folder is not a git repository (it must be the clone\'s own top folder, or a bare repository).');
    }
    const home = this.env.HOME ?? cleanGitHome();
    let unsafe: UnsafeSetting | undefined;
    try {
      unsafe = await inspectRepositoryConfig(location, { env: this.env, gitBinary: this.gitBinary, neutralDir: home, home, timeoutMs: this.timeoutMs });
    } catch (error) {
      if (!(error instanceof GitConfigReaderUnavailable)) throw error;
      throw error.code === 'ENOENT'
        ? new GitError('git-unavailable', 'git could not be run: is it installed and on PATH?')
        : new GitError('git-unavailable', `git could not be run (${error.code}).`);
    }
    if (unsafe) throw unsafeConfigError(unsafe);
    return location;
  }

  private async run(args: readonly string[], input?: string, cwdOverride?: string): Promise<RunResult> {
    await this.guard();
    const cwd = cwdOverride ?? this.resolveWorkDir();
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (action: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        action();
      };
      const child = spawn(this.gitBinary, [...globalArguments, ...args], {
        cwd,
        env: this.env,
        stdio: ['pipe', 'pipe', 'pipe'],
        shell: false,
        windowsHide: true,
      });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish(() => reject(new GitError('timeout', `git did not answer within ${Math.round(this.timeoutMs / 1000)} s.`)));
      }, this.timeoutMs);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', (error: NodeJS.ErrnoException) => {
        finish(() =>
          reject(
            error.code === 'ENOENT'
              ? new GitError('git-unavailable', 'git could not be run: is it installed and on PATH?')
              : new GitError('git-unavailable', `git could not be run (${error.code ?? 'unknown error'}).`),
          ),
        );
      });
      child.on('close', (code) => {
        finish(() => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
      });
      // git may exit before reading all input (a refusal): ignore EPIPE, the exit code tells.
      child.stdin.on('error', () => {});
      child.stdin.end(input ?? '');
    });
  }

  private async runOk(args: readonly string[], input?: string, cwd?: string): Promise<Buffer> {
    const result = await this.run(args, input, cwd);
    if (result.code !== 0) throw classifyGitFailure(result.code, result.stderr);
    return result.stdout;
  }

  info(): Promise<RepositoryInfo> {
    this.infoPromise ??= this.probe();
    return this.infoPromise;
  }

  private async probe(): Promise<RepositoryInfo> {
    const stdout = await this.runOk(['rev-parse', '--is-bare-repository', '--is-shallow-repository', '--show-object-format', '--absolute-git-dir', '--show-cdup']);
    const [bare, shallow, format, gitDir, cdup = ''] = stdout.toString('utf8').split('\n');
    if ((bare !== 'true' && bare !== 'false') || (shallow !== 'true' && shallow !== 'false') || (format !== 'sha1' && format !== 'sha256') || !gitDir) {
      throw new GitError('failed', 'git answered in an unexpected form (is it at least version 2.29?).');
    }
    const isBare = bare === 'true';
    // The repository git opened must be the one whose configuration was inspected.
    const inspected = await this.guard();
    if (inspected !== undefined && realOrSame(gitDir) !== inspected.gitDir) {
      throw new GitError('unsafe-config', 'The repository is refused: git opened another git directory than the one whose configuration was checked.');
    }
    return {
      objectFormat: format,
      shallow: shallow === 'true',
      bare: isBare,
      gitDir,
      topLevel: isBare ? undefined : path.resolve(this.resolveWorkDir(), cdup),
    };
  }

  async objectFormat(): Promise<ObjectFormat> {
    return (await this.info()).objectFormat;
  }

  async isShallow(): Promise<boolean> {
    return (await this.info()).shallow;
  }

  async headCommit(): Promise<string | undefined> {
    await this.info();
    const result = await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', 'HEAD^{commit}']);
    if (result.code === 1) return undefined;
    if (result.code !== 0) throw classifyGitFailure(result.code, result.stderr);
    const head = result.stdout.toString('utf8').trim();
    return isObjectId(head) ? head : undefined;
  }

  async commitExists(sha: string): Promise<CommitCheck> {
    const found = (await this.lookupObjects([sha])).get(sha);
    if (found === 'missing' && objectFormatOfId(sha) === (await this.info()).objectFormat && (await this.isShallow())) throw shallowError();
    return found === 'commit' ? 'yes' : found === 'missing' ? 'no' : 'not-a-commit';
  }

  async pathExistsAt(sha: string, filePath: string): Promise<boolean> {
    const [exists] = await this.pathsExist([{ commit: sha, path: filePath }]);
    return exists === true;
  }

  async lookupObjects(shas: readonly string[]): Promise<Map<string, ObjectLookup>> {
    const all = [...new Set(shas)];
    all.forEach(assertObjectId);
    const results = new Map<string, ObjectLookup>();
    if (all.length === 0) return results;
    const { objectFormat } = await this.info();
    // An id of the other format is never asked: in a SHA-256 repository 40 hex digits would be
    // read as an abbreviation and could match.
    const unique = all.filter((sha) => objectFormatOfId(sha) === objectFormat);
    for (const sha of all) if (objectFormatOfId(sha) !== objectFormat) results.set(sha, 'missing');
    if (unique.length === 0) return results;
    // Each line is a bare full id: git answers "<id> <type>" or "<id> missing", one line each.
    const stdout = await this.runOk(['cat-file', '--batch-check=%(objectname) %(objecttype)', '--buffer'], unique.map((sha) => `${sha}\n`).join(''));
    const lines = stdout.toString('utf8').split('\n');
    unique.forEach((sha, index) => {
      const line = lines[index] ?? '';
      const [name, type] = line.split(' ');
      if (name !== sha) throw new GitError('failed', 'git answered the object lookup out of order.');
      results.set(sha, type === 'commit' || type === 'tree' || type === 'blob' || type === 'tag' ? type : 'missing');
    });
    return results;
  }

  async pathsExist(references: readonly { commit: string; path: string }[]): Promise<boolean[]> {
    for (const reference of references) {
      assertObjectId(reference.commit);
      assertSafePath(reference.path);
    }
    if (references.length === 0) return [];
    const { objectFormat } = await this.info();
    const asked = references.filter((reference) => objectFormatOfId(reference.commit) === objectFormat);
    if (asked.length === 0) return references.map(() => false);
    // "<commit>:<path>" is resolved through the commit's trees only; with the format reduced to
    // %(objectname) git does not even look at the object found, so nothing is read or fetched.
    const stdout = await this.runOk(
      ['cat-file', '--batch-check=%(objectname)', '--buffer'],
      asked.map((reference) => `${reference.commit}:${reference.path}\n`).join(''),
    );
    const lines = stdout.toString('utf8').split('\n');
    const answers = new Map(asked.map((reference, index) => [reference, isObjectId(lines[index] ?? '')]));
    return references.map((reference) => answers.get(reference) ?? false);
  }

  async log(pathspecs: readonly string[], options: LogOptions = {}): Promise<LogCommit[]> {
    pathspecs.forEach(assertSafePath);
    if (options.follow && pathspecs.length !== 1) throw new GitError('failed', '--follow needs exactly one path.');
    const { topLevel, shallow } = await this.info();
    if (shallow) throw shallowError();
    const args = [
      'log',
      '-z',
      '--raw',
      '--no-abbrev',
      '-M',
      '--no-color',
      '--no-ext-diff',
      // A merge counts for a file only when the file differs from every parent (as `git log
      // -- <file>` simplifies history); its combined diff lists exactly those files.
      '--diff-merges=combined',
      '--format=%H%x00%ct%x00%s',
      ...(options.follow ? ['--follow'] : []),
      '--stdin',
      'HEAD',
    ];
    // Paths come on stdin after "--": no argument-length limit, never read as options.
    const input = pathspecs.length > 0 ? `--\n${pathspecs.join('\n')}\n` : '';
    // Pathspecs are relative to the folder git runs in: run at the top of the working tree.
    const stdout = await this.runOk(args, input, topLevel);
    return parseRawLog(stdout.toString('utf8'));
  }

  async readBlobs(oids: readonly string[]): Promise<Map<string, Buffer>> {
    oids.forEach(assertObjectId);
    const blobs = new Map<string, Buffer>();
    const { objectFormat } = await this.info();
    const unique = [...new Set(oids)].filter((oid) => objectFormatOfId(oid) === objectFormat);
    if (unique.length === 0) return blobs;
    const stdout = await this.runOk(['cat-file', '--batch', '--buffer'], unique.map((oid) => `${oid}\n`).join(''));
    let offset = 0;
    for (const oid of unique) {
      const newline = stdout.indexOf(0x0a, offset);
      if (newline < 0) throw new GitError('failed', 'git ended the blob batch early.');
      const header = stdout.subarray(offset, newline).toString('utf8').split(' ');
      offset = newline + 1;
      if (header[0] !== oid) throw new GitError('failed', 'git answered the blob batch out of order.');
      if (header[1] === 'missing' || header.length < 3) continue;
      const size = Number(header[2]);
      if (!Number.isSafeInteger(size) || size < 0 || offset + size > stdout.length) throw new GitError('failed', 'git answered the blob batch in an unexpected form.');
      if (header[1] === 'blob') blobs.set(oid, stdout.subarray(offset, offset + size));
      offset += size + 1; // the contents are followed by a newline
    }
    return blobs;
  }

  async resolveCommit(revision: string): Promise<string> {
    if (!isSafeRevision(revision)) throw notACommit();
    const { shallow } = await this.info();
    let commit: string | undefined;
    // rev-parse accepts any well-formed id, existing or not: a full id is asked of cat-file first.
    const exists = isObjectId(revision) ? await this.run(['cat-file', '-e', `${revision}^{commit}`]) : undefined;
    if (exists !== undefined && /dubious ownership|not a git repository/i.test(exists.stderr)) throw classifyGitFailure(exists.code, exists.stderr);
    if (exists === undefined || exists.code === 0) {
      // Peels a tag to its commit; `--end-of-options`: the revision is never read as an option.
      const result = await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]);
      if (result.code === 0) {
        const named = result.stdout.toString('utf8').trim();
        if (isObjectId(named) && (await this.lookupObjects([named])).get(named) === 'commit') commit = named;
      } else if (result.code !== 1) {
        throw classifyGitFailure(result.code, result.stderr);
      }
    }
    if (commit !== undefined) return commit;
    if (shallow) throw shallowError();
    throw notACommit();
  }

  async topLevel(): Promise<string> {
    const { topLevel } = await this.info();
    if (topLevel === undefined) throw new GitError('not-a-repository', 'The folder is not in a git working tree.');
    return topLevel;
  }

  async listTree(commit: string, treePath: string): Promise<TreeEntry[]> {
    assertObjectId(commit);
    if (treePath !== '') assertSafePath(treePath);
    const top = await this.topLevel();
    // After --end-of-options a "--" would itself be read as a path: the whole tree takes none.
    const args = ['ls-tree', '-r', '-z', '--full-tree', '--end-of-options', commit, ...(treePath === '' ? [] : ['--', treePath])];
    const stdout = await this.runOk(args, undefined, top);
    const entries: TreeEntry[] = [];
    for (const record of stdout.toString('utf8').split('\0')) {
      if (record === '') continue;
      const tab = record.indexOf('\t');
      const [mode = '', type = '', oid = ''] = record.slice(0, tab).split(' ');
      if (tab < 0 || !isObjectId(oid) || !(type === 'blob' || type === 'commit' || type === 'tree' || type === 'tag')) {
        throw new GitError('failed', 'git ls-tree answered in an unexpected form.');
      }
      entries.push({ mode, type, oid, path: record.slice(tab + 1) });
    }
    return entries;
  }

  async isCleanAt(treePath: string): Promise<boolean> {
    if (treePath !== '') assertSafePath(treePath);
    const top = await this.topLevel();
    const stdout = await this.runOk(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignore-submodules=none', '--', ...(treePath === '' ? [] : [treePath])], undefined, top);
    return stdout.length === 0;
  }

  async commitAsOf(epochSeconds: number): Promise<string | undefined> {
    if (!Number.isSafeInteger(epochSeconds)) throw new GitError('failed', 'The time is not a whole number of seconds.');
    const { shallow } = await this.info();
    if (shallow) throw shallowError();
    // The first-parent line is the branch as it was merged: what the repository said at that time.
    // An ISO time in UTC: git reads small "@<seconds>" values as other dates.
    const before = new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const stdout = await this.runOk(['rev-list', '-1', '--first-parent', `--before=${before}`, '--end-of-options', 'HEAD']);
    const commit = stdout.toString('utf8').trim();
    return isObjectId(commit) ? commit : undefined;
  }

  async changedPaths(from: string, to: string): Promise<string[]> {
    assertObjectId(from);
    assertObjectId(to);
    // diff-tree compares the trees' object ids: plumbing, no working tree, no textconv or filters.
    const stdout = await this.runOk(['diff-tree', '-r', '-z', '--name-only', '--no-renames', '--no-ext-diff', '--no-textconv', '--end-of-options', from, to]);
    return stdout.toString('utf8').split('\0').filter((file) => file !== '');
  }

  async typeAtPath(commit: string, treePath: string): Promise<ObjectLookup> {
    assertObjectId(commit);
    if (treePath !== '') assertSafePath(treePath);
    const asked = treePath === '' ? `${commit}^{tree}` : `${commit}:${treePath}`;
    const stdout = await this.runOk(['cat-file', '--batch-check=%(objecttype)'], `${asked}\n`);
    const type = stdout.toString('utf8').trim();
    return type === 'commit' || type === 'tree' || type === 'blob' || type === 'tag' ? type : 'missing';
  }
}

function realOrSame(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

const zeroId = /^0+$/;

/** Parses `git log -z --raw --no-abbrev --format=%H%x00%ct%x00%s` output. */
export function parseRawLog(text: string): LogCommit[] {
  const tokens = text.split('\0');
  const commits: LogCommit[] = [];
  let index = 0;
  while (index < tokens.length) {
    const token = tokens[index]!.replace(/^\n+/, '');
    if (token === '') {
      index += 1;
      continue;
    }
    if (!isObjectId(token)) throw new GitError('failed', 'git log answered in an unexpected form.');
    const commit: LogCommit = { commit: token, committerTime: Number(tokens[index + 1]), subject: tokens[index + 2] ?? '', changes: [] };
    index += 3;
    // Raw entries: ":<mode> <mode> <oid> <oid> <status>" then one path, or two for R and C.
    // A merge (combined diff) lists only paths that differ from every parent:
    // "::<mode> <mode> <mode> <oid> <oid> <oid> <statuses>" then one path.
    // (A merge's entries follow an empty token.)
    for (;;) {
      let next = index;
      while (next < tokens.length && tokens[next]!.replace(/^\n+/, '') === '') next += 1;
      if (next >= tokens.length || !tokens[next]!.replace(/^\n+/, '').startsWith(':')) break;
      index = next;
      const raw = tokens[index]!.replace(/^\n+/, '');
      const parents = /^:+/.exec(raw)![0].length;
      const fields = raw.slice(parents).split(' ');
      const newMode = fields[parents] ?? '';
      const newOid = fields[2 * parents + 1] ?? '';
      const statuses = fields[2 * parents + 2] ?? '';
      const status = parents > 1 ? (/^A+$/.test(statuses) ? 'A' : 'M') : statuses.charAt(0);
      if (parents === 1 && (status === 'R' || status === 'C')) {
        commit.changes.push({
          status,
          fromPath: tokens[index + 1] ?? '',
          path: tokens[index + 2] ?? '',
          blob: regularBlob(newMode, newOid),
        });
        index += 3;
      } else {
        commit.changes.push({ status, path: tokens[index + 1] ?? '', blob: status === 'D' ? undefined : regularBlob(newMode, newOid) });
        index += 2;
      }
    }
    commits.push(commit);
  }
  return commits;
}

function regularBlob(mode: string, oid: string): string | undefined {
  return (mode === '100644' || mode === '100755') && isObjectId(oid) && !zeroId.test(oid) ? oid : undefined;
}

export function createGitClient(dir: string, options: GitClientOptions = {}): GitClient {
  return new CliGitClient(dir, options);
}
