// Both sides of a review: the content as it was at the base revision (read from git, no
// checkout) and as it is in the working tree, each validated by the same validate(). A base
// that names no commit, or that a shallow clone cannot show, is a usage error (exit 2): a
// review against nothing must never pass.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/build-date.ts';
import { createGitClient, GitError, type GitClient } from '../git/git-client.ts';
import { pathInRepository, treeSource } from '../git/tree-reader.ts';
import { displayRoot } from '../git/repository-root.ts';
import { resolveContentDir } from '../core/content-dir.ts';
import { validate, type ValidateOptions } from '../validate/validate.ts';
import type { ValidationResult } from '../core/validation-result.ts';

export interface ReviewSides {
  base: ValidationResult;
  head: ValidationResult;
  baseCommit: string;
  /** HEAD, when the content folder in the working tree is exactly HEAD's (what links pin the head's files to); else undefined: the head is the working tree. */
  headCommit?: string;
  /** Where the repository's top is, and a file's path from it. */
  repositoryPath: (file: string) => string | undefined;
  client: GitClient;
}

const refusals: Partial<Record<GitError['kind'], string>> = {
  'not-a-commit': 'does not name a commit of this repository',
  shallow: 'is not in this shallow clone: fetch the full history (CI: actions/checkout with fetch-depth: 0)',
  'not-a-repository': 'cannot be read: the content folder is not in a git repository',
  'dubious-ownership':
    'cannot be read: git refuses the repository as owned by another user (git config --global --add safe.directory <folder>)',
  'git-unavailable': 'cannot be read: git could not be run',
  'no-commits': 'cannot be read: the repository has no commit yet',
};

/** The base's error as a usage error; its message names no revision (it may be anything). */
function baseError(error: unknown): never {
  if (error instanceof GitError)
    throw new UsageError(`--base ${refusals[error.kind] ?? `cannot be read: ${error.message.replace(/\.$/, '')}`}.`);
  throw error;
}

export async function loadReviewSides(revision: string, options: Omit<ValidateOptions, 'source'> = {}): Promise<ReviewSides> {
  const env = options.env ?? process.env;
  const contentDir = resolveContentDir({ ...options, env });
  // File paths shown from the content's repository, as validate() shows them by default.
  const cwd = options.cwd ?? (await displayRoot(contentDir, env));
  // git runs in the content folder, or in its parent when the change deleted the folder.
  const client = createGitClient(existsSync(contentDir) ? contentDir : path.dirname(contentDir), { env });
  let baseCommit: string;
  let topLevel: string;
  let source;
  try {
    topLevel = await client.topLevel();
    baseCommit = await client.resolveCommit(revision);
    source = await treeSource(client, baseCommit, contentDir);
  } catch (error) {
    baseError(error);
  }
  const head = await validate({ ...options, env, cwd, contentDir });
  // The base's evidence is not required to be verified: only the head's violations are the change's.
  const base = await validate({ ...options, env, cwd, contentDir, source, requireVerifiedEvidence: false });
  let headCommit: string | undefined;
  try {
    const inRepository = pathInRepository(topLevel, contentDir);
    if (inRepository !== undefined && (await client.isCleanAt(inRepository))) headCommit = await client.headCommit();
  } catch {
    headCommit = undefined;
  }
  return { base, head, baseCommit, headCommit, client, repositoryPath: (file) => pathInRepository(topLevel, path.resolve(cwd, file)) };
}
