// Secret scan of a built folder (dist/, .astro/): every file, after the build. Reports DP603 where
// a secret value known from the content scan appears (as written, or as JSON, HTML or a URL would
// encode it) or where a scanner rule fires. Text files are scanned whole; a binary file (a NUL
// byte) is searched for the known values only; gzip files (Pagefind's index) are read unpacked.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Issue } from '../core/issue.ts';
import { sortIssues } from '../core/issue.ts';
import { dp602 } from '../rules/dp602-secret-scanner-unavailable.ts';
import { dp603 } from '../rules/dp603-secret-in-output.ts';
import { capitalize, lineStartsOf, mergeFindings, positionAt, type SecretFinding } from './detectors.ts';
import { fallbackEngine, loadSecretEngine, type SecretEngine } from './engine.ts';
import { WorkerEngine } from './engine-on-worker.ts';
import { availableParallelism } from 'node:os';

export interface OutputScanOptions {
  /** Folder that file paths in issues are relative to; default process.cwd(). */
  cwd?: string;
  /** The engine to use; default: the process-wide secretlint engine. */
  engine?: () => Promise<SecretEngine>;
  /**
   * What an earlier scan found in some exact bytes, by their hash (`contentHash`): a file whose
   * bytes have a known hash is not scanned again; any other file (new or changed) is.
   */
  known?: ReadonlyMap<string, Verdict>;
}

/** What the scan finds in some bytes, wherever they are written: the issues, without their file. */
export type Verdict = readonly Omit<Issue, 'file'>[];

/** An issue as a verdict on bytes, before it is placed in a file. */
function withoutFile(issue: Issue): Omit<Issue, 'file'> {
  const { file: _file, ...verdict } = issue;
  return verdict;
}

/** Scans bytes as the output scan reads files; `failure` names the error once the real engine could not load or run. */
export interface BytesScanner {
  scan(items: readonly Uint8Array[]): Promise<Verdict[]>;
  readonly failure: string | undefined;
}

/** Texts are handed to the engine in chunks of about this many bytes. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** Files read between two turns of the event loop. */
const READ_GROUP = 32;
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;
const decoder = new TextDecoder('utf-8', { fatal: false });

/** The hash a verdict is known by: SHA-256 of the exact bytes. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A scanner of bytes for these secrets: the same verdict for the same bytes, whatever file they are written to. */
export async function createBytesScanner(
  secrets: readonly string[],
  loadEngine: () => Promise<SecretEngine> = loadSecretEngine,
): Promise<BytesScanner> {
  const needles = knownForms(secrets);
  let failure: string | undefined;
  let engine: SecretEngine;
  try {
    engine = await loadEngine();
  } catch (error) {
    failure = errorName(error);
    engine = fallbackEngine;
  }
  const scanTexts = async (texts: string[]): Promise<SecretFinding[][]> => {
    if (texts.length === 0) return [];
    try {
      const results = await engine.scan(texts);
      if (!Array.isArray(results) || results.length !== texts.length) throw new Error('the scanner returned no result for some texts');
      return results;
    } catch (error) {
      if (engine !== fallbackEngine) {
        failure ??= errorName(error);
        engine = fallbackEngine;
      }
      return fallbackEngine.scan(texts);
    }
  };
  return {
    get failure() {
      return failure;
    },
    async scan(items) {
      const verdicts = new Array<Verdict>(items.length);
      const texts: string[] = [];
      const textAt: number[] = [];
      items.forEach((item, index) => {
        const bytes = unpack(Buffer.from(item.buffer, item.byteOffset, item.byteLength));
        if (bytes.includes(0)) {
          const leak = needles.some((needle) => bytes.includes(needle));
          verdicts[index] = leak ? [withoutFile(dp603.report('binary', { file: '' }))] : [];
          return;
        }
        texts.push(decoder.decode(bytes).replace(/\r\n/g, '\n'));
        textAt.push(index);
      });
      const results = await scanTexts(texts);
      texts.forEach((text, position) => {
        const findings: SecretFinding[] = [...(results[position] ?? []), ...findKnown(text, needles)];
        const starts = findings.length > 0 ? lineStartsOf(text) : [];
        verdicts[textAt[position]!] = mergeFindings(findings).map(({ finding }) =>
          withoutFile(dp603.report('found', { file: '', ...positionAt(starts, finding.start) }, { kind: capitalize(finding.kind) })),
        );
      });
      return verdicts;
    },
  };
}

export async function scanOutputForSecrets(dir: string, secrets: readonly string[], options: OutputScanOptions = {}): Promise<Issue[]> {
  const cwd = options.cwd ?? process.cwd();
  const shown = (absolute: string) => path.relative(cwd, absolute).split(path.sep).join('/') || '.';
  const issues: Issue[] = [];
  // Without an engine given, the chunks are scanned on worker threads, one per core (at most
  // two), while this thread reads, hashes and unpacks the next files. Each starts (and loads the
  // scanner) only when a chunk needs it: a build's files are mostly known by their hash already.
  const engine = options.engine;
  const workers: WorkerEngine[] = [];
  const started: Promise<BytesScanner>[] = [];
  const count = engine ? 1 : Math.min(2, availableParallelism());
  const scanner = (n: number) =>
    (started[n] ??= engine
      ? createBytesScanner(secrets, engine)
      : createBytesScanner(secrets, () => {
          const worker = new WorkerEngine();
          workers.push(worker);
          return Promise.resolve(worker);
        }));
  try {
    await scanFiles(dir, shown, { count, get: scanner }, issues, options.known);
  } finally {
    for (const worker of workers) worker.close();
  }
  return sortIssues(issues);
}

/** The scanners chunks go to, in turn: `count` of them, each made on first use. */
interface ScannerPool {
  count: number;
  get(n: number): Promise<BytesScanner>;
}

async function scanFiles(
  dir: string,
  shown: (absolute: string) => string,
  scanners: ScannerPool,
  issues: Issue[],
  known: OutputScanOptions['known'],
): Promise<void> {
  let reported = false;
  const reportFailure = (scanner: BytesScanner) => {
    if (scanner.failure === undefined || reported) return;
    issues.push(unavailable(shown(dir), scanner.failure));
    reported = true;
  };
  const addVerdict = (file: string, verdict: Verdict) => {
    for (const issue of verdict) issues.push({ ...issue, file });
  };

  let chunk: { file: string; bytes: Buffer }[] = [];
  let chunkBytes = 0;
  // One chunk in flight per scanner; the next chunk waits for the oldest.
  const inFlight: Promise<void>[] = [];
  let next = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    const items = chunk;
    chunk = [];
    chunkBytes = 0;
    if (inFlight.length >= scanners.count) await inFlight.shift();
    const scanner = await scanners.get(next++ % scanners.count);
    reportFailure(scanner);
    inFlight.push(
      scanner.scan(items.map((item) => item.bytes)).then((verdicts) => {
        reportFailure(scanner);
        items.forEach((item, index) => {
          addVerdict(item.file, verdicts[index]!);
        });
      }),
    );
  };

  // Files are read synchronously, a group at a time, yielding between groups: a build's files are
  // many and small, and a read through the thread pool (open, stat, read, close, each a round
  // trip) costs more than the read itself.
  const files = await filesUnder(dir);
  for (let start = 0; start < files.length; start += READ_GROUP) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const file of files.slice(start, start + READ_GROUP)) {
      let bytes: Buffer;
      try {
        bytes = readRegularFile(file);
      } catch (error) {
        const name = error instanceof Error && 'code' in error ? String(error.code) : errorName(error);
        issues.push(dp603.report('unreadable', { file: shown(file) }, { error: name }));
        continue;
      }
      const verdict = known?.get(contentHash(bytes));
      if (verdict) {
        addVerdict(shown(file), verdict);
        continue;
      }
      chunk.push({ file: shown(file), bytes });
      chunkBytes += bytes.length;
      if (chunkBytes >= CHUNK_BYTES) await flush();
    }
  }
  await flush();
  await Promise.all(inFlight);
}

/**
 * Every regular file under a folder, sorted, from one recursive listing. Links are not followed:
 * a link's target inside the folder is listed where it is, and one outside is not the site's.
 * Anything else (a FIFO, a socket) is not a file to read.
 */
async function filesUnder(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * A regular file's bytes. Opened without blocking and without following a link, so a file
 * swapped for a FIFO or a link after the listing fails here instead of hanging or leaving the folder.
 */
const probe = Buffer.alloc(64 * 1024);
function readRegularFile(file: string): Buffer {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    const bytes = Buffer.allocUnsafe(info.size);
    let length = 0;
    while (length < bytes.length) {
      const read = readSync(fd, bytes, length, bytes.length - length, null);
      if (read === 0) return bytes.subarray(0, length);
      length += read;
    }
    // The file may have grown since its size was read: read on to its end.
    const parts = [bytes];
    for (let read = readSync(fd, probe, 0, probe.length, null); read > 0; read = readSync(fd, probe, 0, probe.length, null))
      parts.push(Buffer.from(probe.subarray(0, read)));
    return parts.length === 1 ? bytes : Buffer.concat(parts);
  } finally {
    closeSync(fd);
  }
}

function unpack(bytes: Buffer): Buffer {
  if (bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return gunzipSync(bytes, { maxOutputLength: MAX_UNPACKED_BYTES });
    } catch {
      return bytes;
    }
  }
  return bytes;
}

/** A secret as written, and as JSON, HTML and URLs encode it. */
function knownForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
    forms.add(secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#x27;'));
    forms.add(encodeURIComponent(secret));
    // A multi-line secret (a private key) is found by any of its long lines.
    for (const line of secret.split('\n')) if (line.trim().length >= 16) forms.add(line.trim());
  }
  return [...forms].filter((form) => form.length >= 8);
}

function findKnown(text: string, needles: readonly string[]): SecretFinding[] {
  const found: SecretFinding[] = [];
  for (const needle of needles) {
    for (let index = text.indexOf(needle); index !== -1; index = text.indexOf(needle, index + needle.length)) {
      found.push({ kind: 'a secret value from the content', start: index, end: index + needle.length, value: needle });
    }
  }
  return found;
}

const errorName = (error: unknown) => (error instanceof Error ? error.name : 'unknown error');

function unavailable(file: string, name: string): Issue {
  return dp602.report('output', { file }, { error: name });
}
