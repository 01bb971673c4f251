// Where code names a decision: an `@decision <id>` marker, or a link to its page
// (`…/packets/<id>/`). Read from the files git tracks at the commit, bounded: files over
// maxFileBytes, binary files and the content folder itself are skipped, at most maxTotalBytes
// are read and maxCitations kept. Only ids of existing decisions count.
import path from 'node:path';
import type { CommitFiles } from './tracked-files.ts';

export interface Citation {
  /** Path from the repository root. */
  path: string;
  line: number;
  column: number;
  packet: string;
  form: 'marker' | 'link';
}

const maxFileBytes = 1024 * 1024;
const maxTotalBytes = 64 * 1024 * 1024;
const maxCitations = 10_000;
const batchSize = 256;
const citation = /@decision[ \t]+([A-Za-z0-9][A-Za-z0-9_-]{0,99})|\/packets\/([A-Za-z0-9][A-Za-z0-9_-]{0,99})(?=[/#])/g;

/** Citations of the given packet ids in the tracked files outside `contentPath` (from the root). */
export async function findCitations(files: CommitFiles, packets: ReadonlySet<string>, contentPath: string): Promise<Citation[]> {
  if (packets.size === 0) return [];
  const inContent = (file: string) => contentPath === '' || file === contentPath || file.startsWith(`${contentPath}/`);
  const candidates = files.files.filter((file) => !inContent(file.path));
  const out: Citation[] = [];
  let total = 0;
  // Read in small batches, so the bound on what is read holds whatever the files' sizes.
  for (let start = 0; start < candidates.length && total < maxTotalBytes; start += batchSize) {
    const batch = candidates.slice(start, start + batchSize);
    const blobs = await files.read(batch.map((file) => file.oid), maxFileBytes);
    for (const file of batch) {
      const blob = blobs.get(file.oid);
      if (!blob) continue;
      total += blob.length;
      if (blob.includes(0)) continue;
      for (const found of citationsIn(blob.toString('utf8'), packets)) {
        out.push({ path: file.path, ...found });
        if (out.length >= maxCitations) return out;
      }
    }
  }
  return out;
}

function* citationsIn(text: string, packets: ReadonlySet<string>): Generator<Omit<Citation, 'path'>> {
  for (const [index, line] of text.split('\n').entries()) {
    for (const match of line.matchAll(citation)) {
      const packet = match[1] ?? match[2]!;
      if (packets.has(packet)) yield { line: index + 1, column: match.index + 1, packet, form: match[1] ? 'marker' : 'link' };
    }
  }
}

/** A content folder's path from the repository root ('' when it is the root), POSIX. */
export function contentPathIn(top: string, contentRoot: string): string {
  const relative = path.relative(top, contentRoot).split(path.sep).join('/');
  return relative.startsWith('..') ? '\0' : relative;
}
