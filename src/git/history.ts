// The history of content files for the site's timeline: for each commit that touched a file, its
// committer date (UTC), subject, and the state (a decision kind's state field, or a work item's /
// PRD's status) that
// version of the file holds. Reading blob contents is allowed here because this is the packet's
// own content repository, never evidence.
//
// Batched: `fileHistories` runs one `git log --raw` over the files' folders and one
// `git cat-file --batch` for every version, whatever the number of files; renames are followed
// within those folders.
// When history cannot be had (a shallow clone, not a repository, git refused) the result says
// why in a word the page can show.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { isSafeRelativePath } from '../core/repository-path.ts';
import { parseStrictYaml } from '../reader/strict-yaml.ts';
import { splitFrontmatter } from '../reader/frontmatter.ts';
import { createGitClient, GitError, isObjectId, type GitClient, type GitClientOptions, type LogCommit } from './git-client.ts';

export interface HistoryEntry {
  /** Full commit id. */
  commit: string;
  /** Committer date, ISO 8601 in UTC (`2026-06-01T12:00:00Z`). */
  date: string;
  /** With `authors`: the committer date in seconds since the epoch, and the author's email (as the commit says it). */
  time?: number;
  authorEmail?: string;
  subject: string;
  /** The state field's value (or `status` for work items and PRDs) in that version; absent when the version does not parse or was deleted. */
  decisionStatus?: string;
  /** The file's path from the repository's top in that version (it may have been renamed since). */
  path?: string;
}

type HistoryUnavailableReason =
  'shallow clone' | 'not a git repository' | 'dubious ownership' | 'git unavailable' | 'no commits' | 'partial clone' | 'git failed';

interface HistoryUnavailable {
  available: false;
  reason: HistoryUnavailableReason;
  /** A sentence for the page; names no path. */
  message: string;
}

/** Per file, keyed by the path exactly as the caller gave it. */
export type FileHistoriesResult = { available: true; histories: Map<string, HistoryEntry[]> } | HistoryUnavailable;

export interface HistoryOptions {
  /** The environment git runs in (sanitized); default process.env. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Record fields holding a state, tried before `status` (the decision kinds' state fields). */
  stateFields?: readonly string[];
  /** Each entry's commit time (seconds) and author email too. */
  authors?: boolean;
  /** Replaces the git client (tests). */
  createClient?: (dir: string, options: GitClientOptions) => GitClient;
}

/** Versions bigger than this are not parsed for a status. */
const maxParsedBytes = 1024 * 1024;

const messages: Record<HistoryUnavailableReason, string> = {
  'shallow clone': 'History is not available: the site was built from a shallow clone (CI: fetch-depth: 0).',
  'not a git repository': 'History is not available: the content is not in a git repository.',
  'dubious ownership': 'History is not available: git refused the repository as owned by another user (dubious ownership).',
  'git unavailable': 'History is not available: git could not be run.',
  'no commits': 'History is not available: the repository has no commit yet.',
  'partial clone': 'History is not available: the repository is a partial clone, which git would fetch into (build from a full clone).',
  'git failed': 'History is not available: git could not read it.',
};

function unavailable(reason: HistoryUnavailableReason): HistoryUnavailable {
  return { available: false, reason, message: messages[reason] };
}

function reasonOf(error: unknown): HistoryUnavailableReason {
  if (!(error instanceof GitError)) return 'git failed';
  switch (error.kind) {
    case 'not-a-repository':
    case 'missing-directory':
      return 'not a git repository';
    case 'dubious-ownership':
      return 'dubious ownership';
    case 'git-unavailable':
      return 'git unavailable';
    case 'no-commits':
      return 'no commits';
    case 'shallow':
      return 'shallow clone';
    case 'unsafe-config':
      return 'partial clone';
    default:
      return 'git failed';
  }
}

/** Seconds since the epoch → `YYYY-MM-DDTHH:MM:SSZ`. */
function isoUtc(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function realOrResolved(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    // A file that no longer exists: resolve its folder, keep its name.
    try {
      return path.join(realpathSync(path.dirname(target)), path.basename(target));
    } catch {
      return target;
    }
  }
}

/** The file's path inside the repository, or undefined when outside it or not a safe path. */
function repositoryRelative(topLevel: string, repoDir: string, file: string): string | undefined {
  const absolute = realOrResolved(path.resolve(repoDir, file));
  const relative = path.relative(topLevel, absolute).split(path.sep).join('/');
  return isSafeRelativePath(relative) ? relative : undefined;
}

/** The status a version of a content file holds, or undefined. */
export function statusOfVersion(filePath: string, contents: Buffer, stateFields: readonly string[] = []): string | undefined {
  if (contents.length > maxParsedBytes) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(contents);
  } catch {
    return undefined;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let yaml = text;
  const lower = filePath.toLowerCase();
  if (lower.endsWith('.md') || lower.endsWith('.mdx')) {
    const split = splitFrontmatter(text);
    if (split.frontmatter === undefined || split.unclosed) return undefined;
    yaml = split.frontmatter;
  }
  let parsed;
  try {
    parsed = parseStrictYaml(yaml, { json: lower.endsWith('.json') });
  } catch {
    return undefined;
  }
  if (parsed.problems.length > 0) return undefined;
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  for (const field of stateFields) if (typeof record[field] === 'string') return record[field];
  if (typeof record.status === 'string') return record.status;
  return undefined;
}

interface Version {
  entry: HistoryEntry;
  blob?: string;
  path: string;
}

/**
 * Walks a log (newest first) and collects, per target path, the commits that touched it,
 * following renames backwards: a commit renaming A to B moves B's history on to A.
 */
function collectVersions(commits: readonly LogCommit[], targets: ReadonlyMap<string, string[]>): Map<string, Version[]> {
  const versions = new Map<string, Version[]>();
  // The name each target had, going back in time → the targets (keys of the result).
  const names = new Map<string, string[]>();
  for (const [relative, keys] of targets) names.set(relative, [...keys]);
  for (const keys of targets.values()) for (const key of keys) versions.set(key, []);

  for (const commit of commits) {
    if (names.size === 0) break;
    const moves: { from: string; to?: string }[] = [];
    const seen = new Set<string>();
    for (const change of commit.changes) {
      const keys = names.get(change.path);
      if (!keys || seen.has(change.path)) continue;
      seen.add(change.path);
      const entry: HistoryEntry = { commit: commit.commit, date: isoUtc(commit.committerTime), subject: commit.subject };
      if (commit.authorEmail !== undefined) Object.assign(entry, { time: commit.committerTime, authorEmail: commit.authorEmail });
      for (const key of keys) versions.get(key)!.push({ entry: { ...entry, path: change.path }, blob: change.blob, path: change.path });
      if (change.status === 'R' && change.fromPath) moves.push({ from: change.path, to: change.fromPath });
      else if (change.status === 'A') moves.push({ from: change.path });
    }
    // Apply the commit's renames together: two files may swap names in one commit.
    const moved = moves.map((move) => ({ ...move, keys: names.get(move.from)! }));
    for (const move of moved) names.delete(move.from);
    for (const move of moved) {
      if (move.to === undefined) continue;
      names.set(move.to, [...(names.get(move.to) ?? []), ...move.keys]);
    }
  }
  return versions;
}

async function resolveStatuses(
  client: GitClient,
  versions: Map<string, Version[]>,
  stateFields: readonly string[],
): Promise<Map<string, HistoryEntry[]>> {
  const blobs = new Set<string>();
  for (const list of versions.values()) for (const version of list) if (version.blob) blobs.add(version.blob);
  // A version larger than what is parsed for a status is not read at all.
  const { contents } = await client.readBlobs([...blobs], maxParsedBytes);
  const statusCache = new Map<string, string | undefined>();
  const histories = new Map<string, HistoryEntry[]>();
  for (const [key, list] of versions) {
    histories.set(
      key,
      list.map((version) => {
        if (version.blob) {
          const cacheKey = `${version.blob}\0${path.posix.extname(version.path)}`;
          if (!statusCache.has(cacheKey)) {
            const blob = contents.get(version.blob);
            statusCache.set(cacheKey, blob ? statusOfVersion(version.path, blob, stateFields) : undefined);
          }
          const status = statusCache.get(cacheKey);
          if (status !== undefined) version.entry.decisionStatus = status;
        }
        return version.entry;
      }),
    );
  }
  return histories;
}

interface Prepared {
  client: GitClient;
  topLevel: string;
}

async function prepare(repoDir: string, options: HistoryOptions): Promise<Prepared | HistoryUnavailable> {
  const client = (options.createClient ?? createGitClient)(repoDir, { env: options.env, timeoutMs: options.timeoutMs });
  try {
    const info = await client.info();
    if (info.topLevel === undefined) return unavailable('not a git repository');
    if (info.shallow) return unavailable('shallow clone');
    if ((await client.headCommit()) === undefined) return unavailable('no commits');
    return { client, topLevel: realOrResolved(info.topLevel) };
  } catch (error) {
    return unavailable(reasonOf(error));
  }
}

/**
 * Histories of many files at once (newest first). `filePaths` are absolute or relative to
 * `repoDir`, any folder inside the working tree; the map is keyed by them as given. A file git
 * does not track has an empty history.
 */
export async function fileHistories(
  repoDir: string,
  filePaths: readonly string[],
  options: HistoryOptions = {},
): Promise<FileHistoriesResult> {
  const prepared = await prepare(repoDir, options);
  if ('available' in prepared) return prepared;
  const { client, topLevel } = prepared;

  const targets = new Map<string, string[]>();
  const untracked: string[] = [];
  for (const file of new Set(filePaths)) {
    const relative = repositoryRelative(topLevel, repoDir, file);
    if (relative === undefined) untracked.push(file);
    else targets.set(relative, [...(targets.get(relative) ?? []), file]);
  }
  // One log over the folders holding the files (renames followed within them).
  const folders = new Set<string>();
  for (const relative of targets.keys()) {
    const folder = path.posix.dirname(relative);
    folders.add(folder === '.' ? relative : folder);
  }
  try {
    const commits = folders.size > 0 ? await client.log([...folders].sort(), { authors: options.authors }) : [];
    const histories = await resolveStatuses(client, collectVersions(commits, targets), options.stateFields ?? []);
    for (const file of untracked) histories.set(file, []);
    return { available: true, histories };
  } catch (error) {
    return unavailable(reasonOf(error));
  }
}

/**
 * The commit the site is built from: PACKET_BUILD_COMMIT when set (a full 40/64-hex id; any
 * other value gives undefined), else HEAD of the repository holding `repoDir`, else undefined.
 */
export async function buildCommit(
  repoDir: string,
  env: NodeJS.ProcessEnv = process.env,
  options: Omit<HistoryOptions, 'env'> = {},
): Promise<string | undefined> {
  const explicit = env.PACKET_BUILD_COMMIT?.trim();
  if (explicit) return isObjectId(explicit) ? explicit : undefined;
  try {
    return await (options.createClient ?? createGitClient)(repoDir, { env, timeoutMs: options.timeoutMs }).headCommit();
  } catch {
    return undefined;
  }
}
