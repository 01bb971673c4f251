// The git client: what the project asks of a repository, each question answered by plumbing
// that consults no attribute, filter, driver, hook, pager or other configured program.
//
// Two kinds of repository, one refusal each before git reads an object:
// - A clone named by `local_path` (exactRepository) is content: its configuration is read
//   without running git on it (./repository-config.ts), and a partial clone or any setting that
//   names a program is refused ('unsafe-config', DP507).
// - The content's own repository (found from a folder inside it): `rev-parse` says where it is
//   (it reads no object), then `git config --list` (which runs nothing) is asked whether it is a
//   partial clone. One is refused: reading an object it lacks would fetch it through its remote's
//   configured program, which git 2.39 cannot be told not to do and the command line cannot
//   override. Every other setting that names a program is beaten on the command line
//   (./git-process.ts) or never consulted: no `git status` or `diff-index` (they run clean filters
//   and fsmonitor on the working tree; isCleanAt hashes the files itself), log with
//   --no-ext-diff --no-textconv, cat-file without --filters/--textconv.
// - Only validated values reach git (./git-values.ts); every pathspec follows `--` or is fed on
//   stdin. Existence is asked with `cat-file` (`--batch-check`: one process answers many lines).
//   Evidence contents are never read; `readBlobs` exists for the content's own history and base,
//   and reads no blob larger than its caller's limit (sizes are asked with --batch-check first).
// - Refusals are typed (GitError.kind) and their messages never carry a path or an object id.
//
// Process, environment and global arguments: ./git-process.ts; `git log --raw` parsing:
// ./raw-log.ts; the working-tree comparison: ./work-tree-match.ts.
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { classifyGitFailure, cleanGitHome, GitError, gitUnavailable, runGit, sanitizedGitEnv, type RunResult } from './git-process.ts';
import { assertObjectId, assertSafePath, isObjectId, isSafeRevision, objectFormatOfId, type ObjectFormat } from './git-values.ts';
import { parseRawLog, type LogCommit } from './raw-log.ts';
import {
  findGitDir,
  GitConfigReaderUnavailable,
  inspectRepositoryConfig,
  parseConfigList,
  unsafeSetting,
  type RepositoryLocation,
  type UnsafeSetting,
} from './repository-config.ts';
import { workTreeMatches } from './work-tree-match.ts';

// Re-exported: callers import the git layer from here.
export { GitError, globalArguments, pinnedProtocols, sanitizedGitEnv } from './git-process.ts';
export { isObjectId, isSafeRevision, objectFormatOfId, type ObjectFormat } from './git-values.ts';
export { parseRawLog, type LogCommit } from './raw-log.ts';

/** What `cat-file --batch-check` says an id names: its type, or `missing`. */
type ObjectLookup = 'commit' | 'tree' | 'blob' | 'tag' | 'missing';

interface RepositoryInfo {
  objectFormat: ObjectFormat;
  shallow: boolean;
  bare: boolean;
  /** Absolute git directory. */
  gitDir: string;
  /** Absolute top folder of the working tree; undefined for a bare repository. */
  topLevel?: string;
}

/** One entry of `git ls-tree -r`: a blob (a file or, mode 120000, a symbolic link) or a submodule. */
export interface TreeEntry {
  /** 100644, 100755, 120000 (symbolic link), 160000 (submodule), … */
  mode: string;
  type: 'blob' | 'commit' | 'tree' | 'tag';
  oid: string;
  /** Path from the repository's top. */
  path: string;
  /** Bytes of a blob (`ls-tree -l`); absent for a submodule. */
  size?: number;
}

/** What `readBlobs` read: the contents of each blob within the limit, the size of each over it (not read). */
interface BlobRead {
  contents: Map<string, Buffer>;
  tooLarge: Map<string, number>;
}

/** Bytes of blobs one `cat-file --batch` process is asked for: its output is held whole. */
const blobBatchBytes = 64 * 1024 * 1024;

interface LogOptions {
  /** Each commit's author email too (LogCommit.authorEmail). */
  authors?: boolean;
}

export interface GitClient {
  /** The folder git runs in (as given, resolved). */
  readonly dir: string;
  info(): Promise<RepositoryInfo>;
  objectFormat(): Promise<ObjectFormat>;
  isShallow(): Promise<boolean>;
  /** HEAD's full id, or undefined when the repository has no commit yet. */
  headCommit(): Promise<string | undefined>;
  /** The first commit of HEAD's history (the oldest root commit), or undefined when there is none yet. */
  firstCommit(): Promise<string | undefined>;
  /** The type of each id (one `cat-file --batch-check` process for all). `missing` in a shallow clone may mean "beyond its history": check isShallow(). */
  lookupObjects(shas: readonly string[]): Promise<Map<string, ObjectLookup>>;
  /** Whether each path exists at its commit, in input order (one process for all). */
  pathsExist(references: readonly { commit: string; path: string }[]): Promise<boolean[]>;
  /** `git log --raw` over HEAD limited to the pathspecs (relative to the repository's top), newest first. Throws GitError 'shallow' in a shallow clone. */
  log(pathspecs: readonly string[], options?: LogOptions): Promise<LogCommit[]>;
  /**
   * Contents of blobs by id, each no larger than `maxBytes`: sizes are asked first
   * (`cat-file --batch-check`), and a larger blob is never read. Not for evidence.
   */
  readBlobs(oids: readonly string[], maxBytes: number): Promise<BlobRead>;
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
  /** Whether the working tree under a path (from the top; '' for all) holds exactly HEAD's files there: nothing changed, added (untracked or ignored) or removed. */
  isCleanAt(treePath: string): Promise<boolean>;
  /** The last commit on HEAD's first-parent line committed at or before a time (seconds since the epoch), or undefined. */
  commitAsOf(epochSeconds: number): Promise<string | undefined>;
  /** A verified commit's committer date as a UTC calendar date (YYYY-MM-DD). */
  commitDate(commit: string): Promise<string>;
  /** The paths (from the root) that differ between two verified commits' trees; no file is read, no filter runs. */
  changedPaths(from: string, to: string): Promise<string[]>;
  /** A verified commit's committer date, seconds since the epoch. */
  committerTime(commit: string): Promise<number>;
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

const settingWording: Record<UnsafeSetting['reason'], (setting: string) => string> = {
  'partial-clone': (setting) =>
    `it is a partial clone (its git configuration sets ${setting}): git would fetch missing objects from its remote and run the remote's upload-pack program. git was not run on it; use a full clone (git clone without --filter).`,
  'runs-a-program': (setting) =>
    `its git configuration sets ${setting}, which names a program for git to run. git was not run on it; remove the setting from the clone's config (and any file it includes), or point local_path at a fresh clone.`,
  unreadable: (setting) =>
    `its git configuration could not be read completely (${setting}: an include that cannot be followed, or a file that does not parse). git was not run on it.`,
};

/** The refusal of a repository whose own configuration is unsafe; names the setting (subsection masked), never a value. */
function unsafeConfigError(unsafe: UnsafeSetting): GitError {
  return new GitError('unsafe-config', `The repository is refused: ${settingWording[unsafe.reason](unsafe.setting)}`);
}

/** The content's own repository is a partial clone; names the setting (subsection masked), never a value. */
function partialCloneError(setting: string): GitError {
  return new GitError(
    'unsafe-config',
    `The repository is refused: it is a partial clone (its git configuration sets ${setting}): reading an object it lacks would make git fetch it through its remote, running the program that remote's configuration names. Nothing was read from it; use a full clone (git clone without --filter; CI: actions/checkout without a filter).`,
  );
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
  private readyPromise: Promise<RepositoryInfo> | undefined;
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
      throw new GitError(
        'not-a-repository',
        "The folder is not a git repository (it must be the clone's own top folder, or a bare repository).",
      );
    }
    const home = this.env.HOME ?? cleanGitHome();
    let unsafe: UnsafeSetting | undefined;
    try {
      unsafe = await inspectRepositoryConfig(location, {
        env: this.env,
        gitBinary: this.gitBinary,
        neutralDir: home,
        home,
        timeoutMs: this.timeoutMs,
      });
    } catch (error) {
      if (!(error instanceof GitConfigReaderUnavailable)) throw error;
      throw gitUnavailable(error.code);
    }
    if (unsafe) throw unsafeConfigError(unsafe);
    return location;
  }

  /** Where the repository is (info), then, for the content's own repository, the partial-clone
   * refusal: once, before any other command. */
  private ready(): Promise<RepositoryInfo> {
    this.readyPromise ??= this.info().then(async (info) => {
      if (!this.exactRepository) await this.refusePartialClone();
      return info;
    });
    return this.readyPromise;
  }

  private async refusePartialClone(): Promise<void> {
    // All of the repository's configuration as git reads it (includes followed); listing it runs nothing.
    const listed = await this.spawn(['config', '--null', '--list']);
    if (listed.code !== 0) throw classifyGitFailure(listed.code, listed.stderr);
    for (const entry of parseConfigList(listed.stdout.toString('utf8'))) {
      const unsafe = unsafeSetting(entry);
      if (unsafe?.reason === 'partial-clone') throw partialCloneError(unsafe.setting);
    }
  }

  /** git on the repository, once it is known safe to. */
  private async run(args: readonly string[], input?: string, cwd?: string): Promise<RunResult> {
    await this.ready();
    return this.spawn(args, input, cwd);
  }

  private spawn(args: readonly string[], input?: string, cwd?: string): Promise<RunResult> {
    const options = { cwd: cwd ?? this.resolveWorkDir(), env: this.env, timeoutMs: this.timeoutMs, input };
    return runGit(this.gitBinary, args, options);
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
    // The exact repository's configuration is inspected before this first command; rev-parse
    // here reads no object, so it is safe on the content's repository before its own check.
    const inspected = await this.guard();
    const probed = await this.spawn([
      'rev-parse',
      '--is-bare-repository',
      '--is-shallow-repository',
      '--show-object-format',
      '--absolute-git-dir',
      '--show-cdup',
    ]);
    if (probed.code !== 0) throw classifyGitFailure(probed.code, probed.stderr);
    const [bare, shallow, format, gitDir, cdup = ''] = probed.stdout.toString('utf8').split('\n');
    if (
      (bare !== 'true' && bare !== 'false') ||
      (shallow !== 'true' && shallow !== 'false') ||
      (format !== 'sha1' && format !== 'sha256') ||
      !gitDir
    ) {
      throw new GitError('failed', 'git answered in an unexpected form (is it at least version 2.29?).');
    }
    const isBare = bare === 'true';
    // The repository git opened must be the one whose configuration was inspected.
    if (inspected !== undefined && realOrSame(gitDir) !== inspected.gitDir) {
      throw new GitError(
        'unsafe-config',
        'The repository is refused: git opened another git directory than the one whose configuration was checked.',
      );
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

  async firstCommit(): Promise<string | undefined> {
    if ((await this.headCommit()) === undefined) return undefined;
    const result = await this.run(['rev-list', '--max-parents=0', '--end-of-options', 'HEAD']);
    if (result.code !== 0) throw classifyGitFailure(result.code, result.stderr);
    // Newest first: the last root is the oldest (a history can have several).
    const roots = result.stdout.toString('utf8').trim().split('\n');
    const first = roots.at(-1);
    return first !== undefined && isObjectId(first) ? first : undefined;
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
    const stdout = await this.runOk(
      ['cat-file', '--batch-check=%(objectname) %(objecttype)', '--buffer'],
      unique.map((sha) => `${sha}\n`).join(''),
    );
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
      '--no-textconv',
      // A merge counts for a file only when the file differs from every parent (as `git log
      // -- <file>` simplifies history); its combined diff lists exactly those files.
      '--diff-merges=combined',
      options.authors ? '--format=%H%x00%ct%x00%ae%x00%s' : '--format=%H%x00%ct%x00%s',
      '--stdin',
      'HEAD',
    ];
    // Paths come on stdin after "--": no argument-length limit, never read as options.
    const input = pathspecs.length > 0 ? `--\n${pathspecs.join('\n')}\n` : '';
    // Pathspecs are relative to the folder git runs in: run at the top of the working tree.
    const stdout = await this.runOk(args, input, topLevel);
    return parseRawLog(stdout.toString('utf8'), { authors: options.authors });
  }

  async readBlobs(oids: readonly string[], maxBytes: number): Promise<BlobRead> {
    oids.forEach(assertObjectId);
    const read: BlobRead = { contents: new Map(), tooLarge: new Map() };
    const { objectFormat } = await this.info();
    const unique = [...new Set(oids)].filter((oid) => objectFormatOfId(oid) === objectFormat);
    if (unique.length === 0) return read;
    // Sizes first, from the object headers: a blob over the limit is never read.
    const sizes = await this.blobSizes(unique);
    let batch: string[] = [];
    let batchBytes = 0;
    for (const oid of unique) {
      const size = sizes.get(oid);
      if (size === undefined) continue;
      if (size > maxBytes) {
        read.tooLarge.set(oid, size);
        continue;
      }
      if (batch.length > 0 && batchBytes + size > blobBatchBytes) {
        await this.readBlobBatch(batch, read.contents);
        batch = [];
        batchBytes = 0;
      }
      batch.push(oid);
      batchBytes += size;
    }
    if (batch.length > 0) await this.readBlobBatch(batch, read.contents);
    return read;
  }

  /** The size of each id that names a blob (one `cat-file --batch-check`); other ids are absent. */
  private async blobSizes(oids: readonly string[]): Promise<Map<string, number>> {
    const format = '--batch-check=%(objectname) %(objecttype) %(objectsize)';
    const stdout = await this.runOk(['cat-file', format, '--buffer'], oids.map((oid) => `${oid}\n`).join(''));
    const lines = stdout.toString('utf8').split('\n');
    const sizes = new Map<string, number>();
    oids.forEach((oid, index) => {
      const [name, type, size] = (lines[index] ?? '').split(' ');
      if (name !== oid) throw new GitError('failed', 'git answered the size lookup out of order.');
      if (type === 'blob' && /^\d+$/.test(size ?? '')) sizes.set(oid, Number(size));
    });
    return sizes;
  }

  private async readBlobBatch(oids: readonly string[], into: Map<string, Buffer>): Promise<void> {
    const stdout = await this.runOk(['cat-file', '--batch', '--buffer'], oids.map((oid) => `${oid}\n`).join(''));
    let offset = 0;
    for (const oid of oids) {
      const newline = stdout.indexOf(0x0a, offset);
      if (newline < 0) throw new GitError('failed', 'git ended the blob batch early.');
      const header = stdout.subarray(offset, newline).toString('utf8').split(' ');
      offset = newline + 1;
      if (header[0] !== oid) throw new GitError('failed', 'git answered the blob batch out of order.');
      if (header[1] === 'missing' || header.length < 3) continue;
      const size = Number(header[2]);
      if (!Number.isSafeInteger(size) || size < 0 || offset + size > stdout.length)
        throw new GitError('failed', 'git answered the blob batch in an unexpected form.');
      if (header[1] === 'blob') into.set(oid, stdout.subarray(offset, offset + size));
      offset += size + 1; // the contents are followed by a newline
    }
  }

  async resolveCommit(revision: string): Promise<string> {
    if (!isSafeRevision(revision)) throw notACommit();
    const { shallow } = await this.info();
    let commit: string | undefined;
    // rev-parse accepts any well-formed id, existing or not: a full id is asked of cat-file first.
    const exists = isObjectId(revision) ? await this.run(['cat-file', '-e', `${revision}^{commit}`]) : undefined;
    if (exists !== undefined && /dubious ownership|not a git repository/i.test(exists.stderr))
      throw classifyGitFailure(exists.code, exists.stderr);
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
    // -l: each blob's size, from its header (nothing is read whole). No "--" after
    // --end-of-options: git would take it for a path and list only a file named "--".
    const args = ['ls-tree', '-r', '-l', '-z', '--full-tree', '--end-of-options', commit, ...(treePath === '' ? [] : [treePath])];
    const stdout = await this.runOk(args, undefined, top);
    const entries: TreeEntry[] = [];
    for (const record of stdout.toString('utf8').split('\0')) {
      if (record === '') continue;
      const tab = record.indexOf('\t');
      const fields = /^(\d+) (blob|commit|tree|tag) ([0-9a-f]+) +(\d+|-)$/.exec(tab < 0 ? '' : record.slice(0, tab));
      if (!fields || !isObjectId(fields[3])) throw new GitError('failed', 'git ls-tree answered in an unexpected form.');
      const [, mode = '', type, oid = '', size = '-'] = fields;
      const entry: TreeEntry = { mode, type: type as TreeEntry['type'], oid, path: record.slice(tab + 1) };
      if (size !== '-') entry.size = Number(size);
      entries.push(entry);
    }
    return entries;
  }

  async isCleanAt(treePath: string): Promise<boolean> {
    if (treePath !== '') assertSafePath(treePath);
    const top = await this.topLevel();
    const head = await this.headCommit();
    if (head === undefined) return false;
    // Not `git status`: it reads changed files through the repository's clean filters.
    const entries = await this.listTree(head, treePath);
    return workTreeMatches(top, treePath, entries, (await this.info()).objectFormat);
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

  async commitDate(commit: string): Promise<string> {
    assertObjectId(commit);
    const stdout = await this.runOk(['log', '-1', '--no-walk', '--format=%ct', '--end-of-options', commit]);
    const seconds = Number(stdout.toString('utf8').trim());
    if (!Number.isSafeInteger(seconds)) throw new GitError('failed', 'git gave no commit date.');
    return new Date(seconds * 1000).toISOString().slice(0, 10);
  }

  async changedPaths(from: string, to: string): Promise<string[]> {
    assertObjectId(from);
    assertObjectId(to);
    // diff-tree compares the trees' object ids: plumbing, no working tree, no textconv or filters.
    const stdout = await this.runOk([
      'diff-tree',
      '-r',
      '-z',
      '--name-only',
      '--no-renames',
      '--no-ext-diff',
      '--no-textconv',
      '--end-of-options',
      from,
      to,
    ]);
    return stdout
      .toString('utf8')
      .split('\0')
      .filter((file) => file !== '');
  }

  async committerTime(commit: string): Promise<number> {
    assertObjectId(commit);
    const args = ['log', '-1', '--no-walk', '--no-color', '--no-ext-diff', '--no-textconv', '--format=%ct', '--end-of-options', commit];
    const time = Number((await this.runOk(args)).toString('utf8').trim());
    if (!Number.isSafeInteger(time)) throw new GitError('failed', 'git log answered in an unexpected form.');
    return time;
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

export function createGitClient(dir: string, options: GitClientOptions = {}): GitClient {
  return new CliGitClient(dir, options);
}
