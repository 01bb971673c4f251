// The files git tracks at a commit, from the repository's root: what path_globs are matched
// against (DP308, the retired-decision scan). Read with `ls-tree` through the hardened client,
// never by walking the working tree.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { createGitClient, type GitClient } from '../git/git-client.ts';

/** Every file (blob, symbolic links included) at a verified commit, by path from the root. */
export async function trackedFilesAt(client: GitClient, commit: string): Promise<string[]> {
  return (await client.listTree(commit, '')).filter((entry) => entry.type === 'blob').map((entry) => entry.path);
}

/** The files tracked at HEAD of the repository holding `dir`; undefined without a repository or commit. */
export async function trackedFilesAtHead(dir: string, env: NodeJS.ProcessEnv): Promise<string[] | undefined> {
  try {
    const client = createGitClient(existsSync(dir) ? dir : path.dirname(dir), { env });
    const head = await client.headCommit();
    return head === undefined ? undefined : await trackedFilesAt(client, head);
  } catch {
    // No repository, or git cannot answer: there is no build commit to judge globs against.
    return undefined;
  }
}
