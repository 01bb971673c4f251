// The content as it was at a commit, judged: `--as-of <ref|YYYY-MM-DD>` resolved to a commit of
// the content's repository (a date: the last commit on HEAD's first-parent line by the end of
// that day, UTC), the content folder read from that commit's tree (no checkout, like
// `check --base`), and the same validate() run on it. What governs, and what a packet said, is
// answered from it only when every rule passed; otherwise the answer is "undetermined".
import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolveToday, UsageError } from '../core/build-date.ts';
import { createGitClient, GitError, type GitClient } from '../git/git-client.ts';
import { pathInRepository, treeSource } from '../git/tree-reader.ts';
import { displayRoot } from '../git/repository-root.ts';
import { resolveContentDir } from '../core/content-dir.ts';
import { validate } from '../validate/validate.ts';
import type { ValidationResult } from '../core/validation-result.ts';
import { decisionSummaries, governingIndex, type DecisionSummary, type GoverningIndex } from './governing-index.ts';
import { commitFiles } from './tracked-files.ts';

export interface ContentAt {
  /** The full id of the commit the answer was computed at. */
  commit: string;
  /** What was asked for: the revision or date, or HEAD. */
  asOf: string;
  /** The date the date rules (a review trigger's date) were judged against: the commit's own date at `--as-of`, else today. */
  judgedOn: string;
  result: ValidationResult;
  /** Every decision of the content at that commit (empty when the gate failed). */
  decisions: readonly DecisionSummary[];
  index: GoverningIndex;
  /** A path as given on the command line (relative to the working directory) → its path from the repository root. */
  repositoryPath(given: string): string | undefined;
}

export interface ContentAtOptions {
  contentDir?: string;
  env?: NodeJS.ProcessEnv;
  /** The folder paths and --content are relative to; default the working directory. */
  cwd?: string;
  today?: string;
  /** Content already judged, by commit (a long-running server asks about the same commits again). */
  judged?: Map<string, Promise<Judged>>;
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** The commit `asOf` names: a date, a revision, or HEAD when absent. Usage errors name no value. */
async function resolveAsOf(client: GitClient, asOf: string | undefined): Promise<string> {
  try {
    if (asOf === undefined) {
      const head = await client.headCommit();
      if (head === undefined) throw new UsageError('The repository has no commit yet.');
      return head;
    }
    if (datePattern.test(asOf)) {
      const end = Date.parse(`${asOf}T23:59:59Z`);
      if (Number.isNaN(end)) throw new UsageError('--as-of: not a calendar date (YYYY-MM-DD).');
      const commit = await client.commitAsOf(end / 1000);
      if (commit === undefined) throw new UsageError('--as-of: the repository has no commit on or before that date.');
      return commit;
    }
    return await client.resolveCommit(asOf);
  } catch (error) {
    if (error instanceof GitError)
      throw new UsageError(`--as-of: ${error.kind === 'not-a-commit' ? 'does not name a commit of this repository' : error.message}`);
    throw error;
  }
}

export async function contentAt(asOf: string | undefined, options: ContentAtOptions = {}): Promise<ContentAt> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const contentDir = resolveContentDir({ contentDir: options.contentDir, cwd, env });
  const client = createGitClient(existsSync(contentDir) ? contentDir : path.dirname(contentDir), { env });
  const [topLevel, commit] = await readable(async () => [await client.topLevel(), await resolveAsOf(client, asOf)] as const);
  const today = await readable(() => judgedOn(client, commit, asOf, options.today, env));
  // Keyed by the day too: HEAD asked for without --as-of is judged on today, with it on its own date.
  const key = `${commit} ${today}`;
  const judged = options.judged?.get(key) ?? judge(client, commit, { contentDir, cwd, env, today });
  options.judged?.set(key, judged);
  // A failure (git, the disk) is not an answer: the next question judges the commit again.
  judged.catch(() => options.judged?.delete(key));
  return {
    ...(await judged),
    commit,
    judgedOn: today,
    asOf: asOf ?? 'HEAD',
    repositoryPath: (given) => pathInRepository(topLevel, path.resolve(cwd, given)),
  };
}

/**
 * The content as it was then is judged as it was then: at `--as-of`, a review date is compared
 * with the commit's committer date, not with today (an explicit `today` wins; without `--as-of`,
 * today, as `check` does).
 */
async function judgedOn(client: GitClient, commit: string, asOf: string | undefined, today: string | undefined, env: NodeJS.ProcessEnv) {
  if (today !== undefined) return today;
  return asOf === undefined ? resolveToday(env) : client.commitDate(commit);
}

type Judged = Pick<ContentAt, 'result' | 'decisions' | 'index'>;

async function judge(
  client: GitClient,
  commit: string,
  options: { contentDir: string; cwd: string; env: NodeJS.ProcessEnv; today?: string },
): Promise<Judged> {
  const source = await readable(() => treeSource(client, commit, options.contentDir));
  const shownFrom = await displayRoot(options.contentDir, options.env, options.cwd);
  const { contentDir, env, today } = options;
  const result = await validate({ contentDir, cwd: shownFrom, env, source, today, commitFiles: () => commitFiles(client, commit) });
  const decisions = result.ok ? decisionSummaries(result.records) : [];
  return { result, decisions, index: governingIndex(decisions) };
}

/** git's refusals as usage errors (exit 2): the history could not be read, nothing was judged. */
async function readable<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(`The content's history cannot be read: ${error.message}`);
    throw error;
  }
}
