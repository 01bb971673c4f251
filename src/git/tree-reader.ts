// Reading the content folder as it was at a commit, without a checkout: one `ls-tree -r` of the
// folder and one batched `cat-file --batch` for its blobs, then the same strict reader
// (src/reader/read-content.ts) over them. The tree's paths are mapped under the folder's
// absolute path on disk, so records read from it carry the same file names as the working tree.
// Symbolic links are refused (a link's target would be read from this disk, not from the
// commit), submodules and other non-blob entries are refused like on disk (DP101).
// The input limits hold as on disk: a blob larger than inputLimits.maxFileBytes is never read
// (its size comes from `cat-file --batch-check`), and the reader refuses it with DP110.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { inputLimits } from '../reader/input-limits.ts';
import type { FileSource, SourceEntry } from '../reader/read-content.ts';
import { isSafeRelativePath } from '../core/repository-path.ts';
import { GitError, type GitClient } from './git-client.ts';

const symlinkMode = '120000';

interface Node {
  entry: SourceEntry;
  children?: SourceEntry[];
  oid?: string;
}

function entryOf(name: string, kind: 'file' | 'dir' | 'link' | 'other'): SourceEntry {
  return { name, isFile: () => kind === 'file', isDirectory: () => kind === 'dir', isSymbolicLink: () => kind === 'link' };
}

let oversizedView: Uint8Array | undefined;

/**
 * What `read` gives for a blob over the limit, per the FileSource contract ("its first bytes when
 * it is larger"): maxFileBytes + 1 bytes, enough for the reader to refuse it; never the blob's.
 */
function oversized(): Uint8Array {
  oversizedView ??= new Uint8Array(inputLimits.maxFileBytes + 1);
  return oversizedView;
}

/** The folder's path from the repository's top ('' for the top itself), or undefined when outside. */
export function pathInRepository(topLevel: string, absoluteDir: string): string | undefined {
  const relative = path.relative(realOrResolved(topLevel), realOrResolved(absoluteDir)).split(path.sep).join('/');
  if (relative === '') return '';
  return isSafeRelativePath(relative) ? relative : undefined;
}

function realOrResolved(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    // The folder may not exist in the working tree (the change deleted it): resolve its parent.
    const parent = path.dirname(target);
    return parent === target ? target : path.join(realOrResolved(parent), path.basename(target));
  }
}

/**
 * The content folder `absoluteDir` (a folder of the client's working tree) as it was at
 * `commit` (a verified commit id: GitClient.resolveCommit), as a FileSource for readContent.
 */
export async function treeSource(client: GitClient, commit: string, absoluteDir: string): Promise<FileSource> {
  const inRepository = pathInRepository(await client.topLevel(), absoluteDir);
  if (inRepository === undefined) throw new GitError('failed', 'The content folder is not inside the git repository.');
  const rootType = await client.typeAtPath(commit, inRepository);
  const nodes = new Map<string, Node>();
  if (rootType === 'tree') {
    nodes.set(absoluteDir, { entry: entryOf(path.basename(absoluteDir), 'dir'), children: [] });
    const prefix = inRepository === '' ? '' : `${inRepository}/`;
    for (const item of await client.listTree(commit, inRepository)) {
      if (!item.path.startsWith(prefix)) continue;
      const parts = item.path.slice(prefix.length).split('/');
      let dir = absoluteDir;
      for (const [index, name] of parts.entries()) {
        const absolute = `${dir}${path.sep}${name}`;
        if (!nodes.has(absolute)) {
          const last = index === parts.length - 1;
          const kind = !last ? 'dir' : item.type !== 'blob' ? 'other' : item.mode === symlinkMode ? 'link' : 'file';
          const node: Node = {
            entry: entryOf(name, kind),
            children: kind === 'dir' ? [] : undefined,
            oid: kind === 'file' ? item.oid : undefined,
          };
          nodes.set(absolute, node);
          nodes.get(dir)!.children!.push(node.entry);
        }
        dir = absolute;
      }
    }
  }
  const oids = [...nodes.values()].flatMap((node) => (node.oid ? [node.oid] : []));
  const { contents, tooLarge } = await client.readBlobs(oids, inputLimits.maxFileBytes);
  return {
    virtual: true,
    root: (dir) => (nodes.get(dir)?.children ? dir : undefined),
    list: (dir) => [...(nodes.get(dir)?.children ?? [])],
    followLink: () => ({ refused: 'inCommit' }),
    read(file) {
      const oid = nodes.get(file)?.oid;
      if (oid !== undefined && tooLarge.has(oid)) return oversized();
      const blob = oid === undefined ? undefined : contents.get(oid);
      if (blob === undefined) throw new GitError('failed', 'git did not return a file of the tree.');
      return blob;
    },
  };
}
