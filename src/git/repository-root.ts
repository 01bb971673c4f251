// The folder that file paths in messages and annotations are relative to: the root of the
// repository the content lives in, so GitHub and GitLab can attach them to the changed file.
// GITHUB_WORKSPACE under Actions, else the git top level of the content folder, else the working
// directory; the first of them that contains the content folder (a path never starts with ../).
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { createGitClient } from './git-client.ts';

function contains(dir: string, inner: string): boolean {
  const relative = path.relative(dir, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The git top level of `dir`'s repository, or undefined (not a repository, git refused, missing folder). */
export async function gitTopLevel(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  try {
    return (await createGitClient(dir, { env }).info()).topLevel;
  } catch {
    return undefined;
  }
}

/** Real path where the folder exists (the reader shows paths of the real content folder). */
function real(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

export async function displayRoot(contentDir: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<string> {
  const content = real(path.resolve(cwd, contentDir));
  const candidates = [
    env.GITHUB_WORKSPACE ? real(path.resolve(cwd, env.GITHUB_WORKSPACE)) : undefined,
    await gitTopLevel(content, env),
    real(cwd),
  ];
  return candidates.find((dir): dir is string => dir !== undefined && contains(dir, content)) ?? path.dirname(content);
}
