// Reads a repository's own git configuration WITHOUT running git on the repository, and says
// whether it is safe to run git there at all.
//
// A clone named by repositories.yaml `local_path` is content: whoever writes the content may have
// prepared it. Its config can make git run a program (`remote.<r>.uploadpack` during a lazy fetch
// of a partial clone, `core.fsmonitor`, hooks, a pager, textconv, credential helpers, gpg, …) or
// fetch over the network. git 2.39 has no switch that turns lazy fetching off (GIT_NO_LAZY_FETCH
// is 2.45+), so such a repository is refused before the first git command runs on it.
//
// How: the git directory is found from the file system alone (a `.git` folder, a `.git` file
// naming it, or a bare repository), then every config file git would read for it (the common
// directory's `config`, `config.worktree` of both, and every `include.path` / `includeIf.*.path`
// they name, whatever the condition) is listed with `git config --file <f> --no-includes --list`,
// which parses one file and nothing else, run outside the repository.
import { spawn } from 'node:child_process';
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ConfigEntry {
  /** As git lists it: section and name lower-case, subsection as written. */
  key: string;
  /** undefined for a key written without `=` (boolean true). */
  value?: string;
}

/** Why a repository is refused: the setting (subsection masked, e.g. `remote.*.uploadpack`) and what it does. */
export interface UnsafeSetting {
  setting: string;
  reason: 'partial-clone' | 'runs-a-program' | 'unreadable';
}

export interface RepositoryLocation {
  gitDir: string;
  commonDir: string;
}

/** The git directory of `dir` itself (never a parent), found without running git; undefined when there is none. */
export function findGitDir(dir: string): RepositoryLocation | undefined {
  const dotGit = path.join(dir, '.git');
  let gitDir: string | undefined;
  try {
    const stat = lstatSync(dotGit);
    if (stat.isDirectory()) gitDir = dotGit;
    else if (stat.isFile()) {
      // A worktree or submodule: ".git" is a file "gitdir: <path>".
      const match = /^gitdir: (.+?)\r?\n?$/.exec(readFileSync(dotGit, 'utf8'));
      if (!match) return undefined;
      gitDir = path.resolve(dir, match[1]!);
    } else return undefined;
  } catch {
    // No .git: a bare repository holds HEAD, objects/ and refs/ itself.
    if (isFile(path.join(dir, 'HEAD')) && isDirectory(path.join(dir, 'objects')) && isDirectory(path.join(dir, 'refs'))) gitDir = dir;
  }
  if (gitDir === undefined || !isDirectory(gitDir)) return undefined;
  gitDir = realpathSync(gitDir);
  let commonDir = gitDir;
  try {
    commonDir = realpathSync(path.resolve(gitDir, readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim()));
  } catch {
    // no commondir file: the git directory is its own common directory
  }
  return { gitDir, commonDir };
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

const falseValues = new Set(['false', 'no', 'off', '0', '']);
const booleanValues = new Set([...falseValues, 'true', 'yes', 'on', '1']);

// Keys whose value git runs as a program (or that name one), by section (and name). `*` stands
// for any subsection. Whole sections are listed where every key of it is about a program.
const commandSections = new Set([
  'alias', // an alias starting with "!" is a shell command
  'credential', // credential.helper, credential.<url>.helper
  'filter', // filter.<driver>.clean / smudge / process
  'gpg', // gpg.program, gpg.<format>.program, gpg.ssh.defaultKeyCommand
  'difftool', // difftool.<tool>.cmd
  'mergetool', // mergetool.<tool>.cmd
  'sendemail', // sendemail.sendmailCmd, toCmd, ccCmd, smtpServer
  'browser', // browser.<tool>.cmd
  'guitool', // guitool.<name>.cmd
  'man', // man.<tool>.cmd
  'hook', // hook.<name>.command (config-based hooks, newer gits)
  'trailer', // trailer.<token>.command / cmd
]);
const commandKeys = new Set([
  'core.editor',
  'core.pager',
  'core.askpass',
  'core.sshcommand',
  'core.gitproxy',
  'core.hookspath',
  'core.alternaterefscommand',
  'sequence.editor',
  'diff.external',
  'web.browser',
  'help.browser',
  'instaweb.browser',
  'imap.tunnel',
  'interactive.difffilter',
  'uploadpack.packobjectshook',
]);
// section.*.name
const commandSubsectionKeys = new Set([
  'diff.*.textconv',
  'diff.*.command',
  'merge.*.driver',
  'remote.*.uploadpack',
  'remote.*.receivepack',
  'remote.*.vcs',
  'tar.*.command',
]);
const partialCloneKeys = new Set([
  'extensions.partialclone',
  'remote.*.promisor',
  'remote.*.partialclonefilter',
  'core.partialclonefilter',
  'fetch.*.partialclonefilter',
]);

/** The key with its subsection masked: `remote.origin.uploadpack` → `remote.*.uploadpack`. */
export function maskedKey(key: string): string {
  const first = key.indexOf('.');
  const last = key.lastIndexOf('.');
  if (first < 0 || first === last) return key;
  return `${key.slice(0, first)}.*${key.slice(last)}`;
}

/** The unsafe setting an entry makes, if any. */
export function unsafeSetting(entry: ConfigEntry): UnsafeSetting | undefined {
  const masked = maskedKey(entry.key);
  const section = entry.key.slice(0, Math.max(0, entry.key.indexOf('.')));
  if (partialCloneKeys.has(masked)) return { setting: masked, reason: 'partial-clone' };
  // core.fsmonitor is a boolean or a program; false is the one harmless value.
  if (masked === 'core.fsmonitor')
    return falseValues.has((entry.value ?? 'true').toLowerCase()) ? undefined : { setting: masked, reason: 'runs-a-program' };
  // pager.<command> is a boolean or a program.
  if (section === 'pager')
    return booleanValues.has((entry.value ?? 'true').toLowerCase()) ? undefined : { setting: masked, reason: 'runs-a-program' };
  // submodule.<name>.update = !<command>
  if (masked === 'submodule.*.update') return entry.value?.startsWith('!') ? { setting: masked, reason: 'runs-a-program' } : undefined;
  if (commandSections.has(section) || commandKeys.has(masked) || commandSubsectionKeys.has(masked))
    return { setting: masked, reason: 'runs-a-program' };
  return undefined;
}

export interface InspectOptions {
  env: NodeJS.ProcessEnv;
  gitBinary: string;
  /** A folder outside every repository to run `git config --file` in. */
  neutralDir: string;
  /** The HOME git will see (for `~/` in include paths). */
  home: string;
  timeoutMs: number;
}

const maxIncludeDepth = 10; // git's own limit

/** git itself could not be started to read a config file. */
export class GitConfigReaderUnavailable extends Error {
  readonly code: string;
  constructor(code: string) {
    super('git could not be run to read a git configuration file.');
    this.code = code;
  }
}

/**
 * The first unsafe setting in the repository's configuration, or undefined when git may run.
 * Never runs git inside the repository: only `git config --file` on each file, elsewhere.
 */
export async function inspectRepositoryConfig(location: RepositoryLocation, options: InspectOptions): Promise<UnsafeSetting | undefined> {
  const files = [
    path.join(location.commonDir, 'config'),
    path.join(location.commonDir, 'config.worktree'),
    path.join(location.gitDir, 'config.worktree'),
  ];
  const seen = new Set<string>();
  const queue = [...new Set(files)].map((file) => ({ file, depth: 0 }));
  while (queue.length > 0) {
    const { file, depth } = queue.shift()!;
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      continue; // a missing file is no config (git skips missing includes too)
    }
    if (seen.has(real)) continue;
    seen.add(real);
    if (!isFile(real)) return { setting: 'include.path', reason: 'unreadable' };
    const entries = await listConfigFile(real, options);
    if (entries === undefined) return { setting: 'config', reason: 'unreadable' };
    for (const entry of entries) {
      const unsafe = unsafeSetting(entry);
      if (unsafe) return unsafe;
      if (isIncludeKey(entry.key)) {
        if (depth + 1 > maxIncludeDepth || entry.value === undefined) return { setting: maskedKey(entry.key), reason: 'unreadable' };
        const target = includeTarget(entry.value, real, options.home);
        if (target === undefined) return { setting: maskedKey(entry.key), reason: 'unreadable' };
        queue.push({ file: target, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

function isIncludeKey(key: string): boolean {
  return key === 'include.path' || (key.startsWith('includeif.') && key.endsWith('.path'));
}

/** Where an include path leads, as git resolves it; undefined for a form we do not follow (`%(prefix)/`). */
function includeTarget(value: string, configFile: string, home: string): string | undefined {
  if (value.startsWith('%(prefix)/')) return undefined;
  if (value === '~' || value.startsWith('~/')) return path.join(home, value.slice(1));
  if (value.startsWith('~')) return undefined; // ~user/
  return path.resolve(path.dirname(configFile), value);
}

/** `git config --file <file> --no-includes --null --list`; undefined when git cannot parse it. */
function listConfigFile(file: string, options: InspectOptions): Promise<ConfigEntry[] | undefined> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.gitBinary, ['config', '--file', file, '--no-includes', '--null', '--list'], {
      cwd: options.neutralDir,
      env: options.env,
      stdio: ['ignore', 'pipe', 'ignore'],
      shell: false,
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new GitConfigReaderUnavailable(error.code ?? 'unknown error'));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        resolve(undefined);
        return;
      }
      resolve(parseConfigList(Buffer.concat(out).toString('utf8')));
    });
  });
}

/** Parses `git config --null --list`: "key\nvalue\0" per entry, "key\0" for a key without value. */
export function parseConfigList(text: string): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  for (const record of text.split('\0')) {
    if (record === '') continue;
    const newline = record.indexOf('\n');
    entries.push(newline < 0 ? { key: record } : { key: record.slice(0, newline), value: record.slice(newline + 1) });
  }
  return entries;
}
