// Whether the working tree under a folder holds exactly a commit's files there, decided without
// asking git to look at the working tree: `git status` and `git diff-index` read a changed file
// through the repository's clean filter (a program its configuration names) and ask its
// fsmonitor. Here git has only listed the commit's tree (names, modes, ids, sizes); each file on
// disk is hashed as a git blob in this process. A file the tree lacks, untracked or ignored,
// makes the answer no: the reader reads ignored files too. Contents are compared byte for byte,
// so a file that a filter or an end-of-line conversion would call unchanged counts as changed;
// the answer errs toward "the working tree", never toward a commit that does not hold it.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { TreeEntry } from './git-client.ts';
import type { ObjectFormat } from './git-values.ts';

const regularModes = new Set(['100644', '100755']);
const linkMode = '120000';
const chunkBytes = 1024 * 1024;

/**
 * True when the files under `treePath` (from the repository's top `topLevel`; '' for all) are
 * exactly `entries`: same paths, kinds, executable bits and contents. Empty folders do not count
 * (git does not track them); a submodule always makes it false.
 */
export function workTreeMatches(topLevel: string, treePath: string, entries: readonly TreeEntry[], format: ObjectFormat): boolean {
  const expected = new Map(entries.map((entry) => [entry.path, entry]));
  if (entries.some((entry) => entry.type !== 'blob')) return false;
  let matched = 0;
  const walk = (relative: string): boolean => {
    const absolute = relative === '' ? topLevel : path.join(topLevel, ...relative.split('/'));
    let names: string[];
    try {
      names = readdirSync(absolute);
    } catch {
      return false;
    }
    for (const name of names) {
      // The repository's own git directory (or a worktree's .git file) is no content.
      if (relative === '' && name === '.git') continue;
      const child = relative === '' ? name : `${relative}/${name}`;
      const stat = lstatSync(path.join(absolute, name), { throwIfNoEntry: false });
      if (stat === undefined) return false;
      if (stat.isDirectory()) {
        if (!walk(child)) return false;
        continue;
      }
      const entry = expected.get(child);
      if (entry === undefined || !sameFile(path.join(absolute, name), stat, entry, format)) return false;
      matched += 1;
    }
    return true;
  };
  return walk(treePath) && matched === expected.size;
}

function sameFile(file: string, stat: Stats, entry: TreeEntry, format: ObjectFormat): boolean {
  if (stat.isSymbolicLink()) {
    return entry.mode === linkMode && blobId(format, readlinkSync(file, { encoding: 'buffer' })) === entry.oid;
  }
  if (!stat.isFile() || !regularModes.has(entry.mode)) return false;
  // git records the owner's executable bit only.
  if ((entry.mode === '100755') !== ((stat.mode & 0o100) !== 0)) return false;
  if (entry.size !== undefined && entry.size !== stat.size) return false;
  return hashFile(file, format) === entry.oid;
}

/** The blob id of the file's contents, read in chunks (never whole). Non-blocking: a FIFO
 * swapped in ends the read at once. */
function hashFile(file: string, format: ObjectFormat): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return undefined;
    const hash = createHash(format === 'sha256' ? 'sha256' : 'sha1').update(`blob ${stat.size}\0`);
    const buffer = Buffer.allocUnsafe(chunkBytes);
    let total = 0;
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      hash.update(buffer.subarray(0, read));
      total += read;
    }
    // A file that changed size while being read is not the one that was measured.
    return total === stat.size ? hash.digest('hex') : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function blobId(format: ObjectFormat, contents: Buffer): string {
  return createHash(format === 'sha256' ? 'sha256' : 'sha1')
    .update(`blob ${contents.length}\0`)
    .update(contents)
    .digest('hex');
}
