// The files git tracks at a commit, from the repository's root: what path_globs are matched
// against (DP308) and where code citing a retired decision is looked for (DP309). Listed with
// `ls-tree` and read with `cat-file --batch` through the hardened client (no filters run),
// never by walking the working tree.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { createGitClient, type GitClient } from '../git/git-client.ts';

export interface CommitFiles {
  /** The repository's top folder on disk. */
  top: string;
  /** Every regular file at the commit (symbolic links and submodules left out), by path from the root. */
  files: readonly { path: string; oid: string }[];
  /** Contents of blobs by id (one git process); a blob over maxBytes is sized, never read. */
  read(oids: readonly string[], maxBytes: number): Promise<Map<string, Buffer>>;
}

const regularModes = new Set(['100644', '100755']);

/** The files at a verified commit of the client's repository. */
export async function commitFiles(client: GitClient, commit: string): Promise<CommitFiles> {
  const entries = await client.listTree(commit, '');
  return {
    top: await client.topLevel(),
    files: entries.filter((entry) => entry.type === 'blob' && regularModes.has(entry.mode)).map((entry) => ({ path: entry.path, oid: entry.oid })),
    read: async (oids, maxBytes) => (await client.readBlobs(oids, maxBytes)).contents,
  };
}

/** The files at HEAD of the repository holding `dir`; undefined without a repository or commit. */
export async function headFiles(dir: string, env: NodeJS.ProcessEnv): Promise<CommitFiles | undefined> {
  try {
    const client = createGitClient(existsSync(dir) ? dir : path.dirname(dir), { env });
    const head = await client.headCommit();
    return head === undefined ? undefined : await commitFiles(client, head);
  } catch {
    // No repository, or git cannot answer: there is no build commit to judge against.
    return undefined;
  }
}
