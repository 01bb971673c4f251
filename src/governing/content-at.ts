// The content as it was at a commit, judged: `--as-of <ref|YYYY-MM-DD>` resolved to a commit of
// the content's repository (a date: the last commit on HEAD's first-parent line by the end of
// that day, UTC), the content folder read from that commit's tree (no checkout, like
// `check --base`), and the same validate() run on it. What governs, and what a packet said, is
// answered from it only when every rule passed; otherwise the answer is "undetermined".
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/build-date.ts';
import { createGitClient, GitError, type GitClient } from '../git/git-client.ts';
import { pathInRepository, treeSource } from '../git/tree-reader.ts';
import { displayRoot } from '../integration/repository-root.ts';
import { resolveContentDir, validate, type ValidationResult } from '../validate/validate.ts';
import { decisionSummaries, governingIndex, type DecisionSummary, type GoverningIndex } from './governing-index.ts';
import { trackedFilesAt } from './tracked-files.ts';

export interface ContentAt {
  /** The full id of the commit the answer was computed at. */
  commit: string;
  /** What was asked for: the revision or date, or HEAD. */
  asOf: string;
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
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** The commit `asOf` names: a date, a revision, or HEAD when absent. Usage errors name no value. */
export async function resolveAsOf(client: GitClient, asOf: string | undefined): Promise<string> {
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
    if (error instanceof GitError) throw new UsageError(`--as-of: ${error.kind === 'not-a-commit' ? 'does not name a commit of this repository' : error.message}`);
    throw error;
  }
}

export async function contentAt(asOf: string | undefined, options: ContentAtOptions = {}): Promise<ContentAt> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const contentDir = resolveContentDir({ contentDir: options.contentDir, cwd, env });
  const client = createGitClient(existsSync(contentDir) ? contentDir : path.dirname(contentDir), { env });
  let topLevel: string;
  let commit: string;
  let source;
  try {
    topLevel = await client.topLevel();
    commit = await resolveAsOf(client, asOf);
    source = await treeSource(client, commit, contentDir);
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(`The content's history cannot be read: ${error.message}`);
    throw error;
  }
  const shownFrom = await displayRoot(contentDir, env, cwd);
  const result = await validate({ contentDir, cwd: shownFrom, env, source, today: options.today, trackedFiles: () => trackedFilesAt(client, commit) });
  const decisions = result.ok ? decisionSummaries(result.records) : [];
  return {
    commit,
    asOf: asOf ?? 'HEAD',
    result,
    decisions,
    index: governingIndex(decisions),
    repositoryPath: (given) => pathInRepository(topLevel, path.resolve(cwd, given)),
  };
}
