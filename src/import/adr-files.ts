// The ADR files of a folder, read within bounds: only regular `.md` files directly in the folder
// (a symbolic link is never followed, a sub-folder never entered), each at most the size of a PRD,
// UTF-8, and within the markdown nesting bounds the reader enforces. The parser never sees a file
// outside those bounds; each refusal is a finding with its file.
import { lstatSync, openSync, readSync, closeSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { checkLineLengths, checkMarkdownNesting, inputLimits } from '../reader/input-limits.ts';
import { decodeUtf8 } from '../reader/text-file.ts';
import type { Finding } from './findings.ts';

/** At most this many entries in the folder: an ADR log is hundreds of files, not millions. */
const maxFolderEntries = 10_000;

/** Bytes of all the ADRs read: the texts are held together until the records are written. */
const maxTotalBytes = 64 * 1024 * 1024;

/** Files an ADR folder holds beside its ADRs (indexes, templates). */
const notAdr = /^(?:readme|index|template|adr-template|_template)\.md$/i;

interface AdrFile {
  /** File name, e.g. `0002-use-postgres.md`. */
  name: string;
  text: string;
}

export interface FolderRead {
  files: AdrFile[];
  findings: Finding[];
}

export function readAdrFolder(dir: string): FolderRead {
  const entries = readdirSync(dir, { withFileTypes: true });
  if (entries.length > maxFolderEntries) {
    return {
      files: [],
      findings: [{ file: '.', line: 1, level: 'error', message: `The folder holds more than ${maxFolderEntries} entries.` }],
    };
  }
  const files: AdrFile[] = [];
  const findings: Finding[] = [];
  let total = 0;
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!entry.name.toLowerCase().endsWith('.md') || notAdr.test(entry.name)) continue;
    const read = total > maxTotalBytes ? tooMuch(entry.name) : readOne(path.join(dir, entry.name), entry.name);
    if ('message' in read) findings.push(read);
    else {
      files.push(read);
      total += read.text.length;
    }
  }
  return { files, findings };
}

const tooMuch = (name: string): Finding => ({
  file: name,
  line: 1,
  level: 'error',
  message: `The files before it hold more than ${maxTotalBytes / 1024 / 1024} MiB: not imported (import the folder in parts).`,
});

function readOne(file: string, name: string): AdrFile | Finding {
  const refused = (message: string, line = 1): Finding => ({ file: name, line, level: 'error', message });
  const info = lstatSync(file);
  if (info.isSymbolicLink()) return refused('A symbolic link: not followed, not imported.');
  if (!info.isFile()) return refused('Not a regular file: not imported.');
  if (info.size > inputLimits.maxPrdBytes) return refused(`Larger than ${inputLimits.maxPrdBytes / 1024} KiB: not imported.`);
  const decoded = decodeUtf8(readBounded(file, info.size));
  if (!decoded.ok) return refused('Not UTF-8 text: not imported.', decoded.line);
  const limit = checkLineLengths(decoded.text) ?? checkMarkdownNesting(decoded.text, 1);
  if (limit) return refused(`${limit.message} Not imported.`, limit.line);
  return { name, text: decoded.text };
}

/** Reads at most `size` bytes (the file may grow between lstat and read). */
function readBounded(file: string, size: number): Uint8Array {
  const buffer = Buffer.alloc(size);
  const descriptor = openSync(file, 'r');
  try {
    let read = 0;
    while (read < size) {
      const count = readSync(descriptor, buffer, read, size - read, read);
      if (count === 0) break;
      read += count;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(descriptor);
  }
}
