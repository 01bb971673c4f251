// Parsing `git log -z --raw --no-abbrev --format=%H%x00%ct%x00%s`: the commits that touched
// the content's files, and per commit each file's change and the blob it left (for history).
import { GitError } from './git-process.ts';
import { isObjectId } from './git-values.ts';

/** One change of a commit as `git log --raw` reports it. */
interface LogChange {
  /** A, M, D, R, C, T, … (the score of R/C dropped). */
  status: string;
  /** The path after the change (for R/C the new path). */
  path: string;
  /** For R/C: the path before. */
  fromPath?: string;
  /** The blob after the change; undefined when deleted or not a regular file. */
  blob?: string;
}

export interface LogCommit {
  commit: string;
  /** Committer date, seconds since the epoch. */
  committerTime: number;
  /** The author's email, when the log was asked for it (`authors`). */
  authorEmail?: string;
  subject: string;
  changes: LogChange[];
}

const zeroId = /^0+$/;

/** Parses `git log -z --raw --no-abbrev --format=%H%x00%ct%x00%s` output (`authors`: `%H%x00%ct%x00%ae%x00%s`). */
export function parseRawLog(text: string, options: { authors?: boolean } = {}): LogCommit[] {
  const header = options.authors ? 4 : 3;
  const tokens = text.split('\0');
  const commits: LogCommit[] = [];
  let index = 0;
  while (index < tokens.length) {
    const token = tokens[index]!.replace(/^\n+/, '');
    if (token === '') {
      index += 1;
      continue;
    }
    if (!isObjectId(token)) throw new GitError('failed', 'git log answered in an unexpected form.');
    const commit: LogCommit = {
      commit: token,
      committerTime: Number(tokens[index + 1]),
      subject: tokens[index + header - 1] ?? '',
      changes: [],
    };
    if (options.authors) commit.authorEmail = tokens[index + 2] ?? '';
    index += header;
    // Raw entries: ":<mode> <mode> <oid> <oid> <status>" then one path, or two for R and C.
    // A merge (combined diff) lists only paths that differ from every parent:
    // "::<mode> <mode> <mode> <oid> <oid> <oid> <statuses>" then one path.
    // (A merge's entries follow an empty token.)
    for (;;) {
      let next = index;
      while (next < tokens.length && tokens[next]!.replace(/^\n+/, '') === '') next += 1;
      if (next >= tokens.length || !tokens[next]!.replace(/^\n+/, '').startsWith(':')) break;
      index = next;
      const raw = tokens[index]!.replace(/^\n+/, '');
      const parents = /^:+/.exec(raw)![0].length;
      const fields = raw.slice(parents).split(' ');
      const newMode = fields[parents] ?? '';
      const newOid = fields[2 * parents + 1] ?? '';
      const statuses = fields[2 * parents + 2] ?? '';
      const status = parents > 1 ? (/^A+$/.test(statuses) ? 'A' : 'M') : statuses.charAt(0);
      if (parents === 1 && (status === 'R' || status === 'C')) {
        commit.changes.push({
          status,
          fromPath: tokens[index + 1] ?? '',
          path: tokens[index + 2] ?? '',
          blob: regularBlob(newMode, newOid),
        });
        index += 3;
      } else {
        commit.changes.push({ status, path: tokens[index + 1] ?? '', blob: status === 'D' ? undefined : regularBlob(newMode, newOid) });
        index += 2;
      }
    }
    commits.push(commit);
  }
  return commits;
}

function regularBlob(mode: string, oid: string): string | undefined {
  return (mode === '100644' || mode === '100755') && isObjectId(oid) && !zeroId.test(oid) ? oid : undefined;
}
