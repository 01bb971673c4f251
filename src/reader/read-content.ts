// The one strict reader of a content folder. It reads every file, refuses what it does not know,
// and parses YAML/JSON/frontmatter with positions. It never skips a file silently.
import { closeSync, constants, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Issue, SourcePosition } from '../core/issue.ts';
import { cmp } from '../core/issue.ts';
import type { IssueLocation } from '../rules/define-rule.ts';
import { dp100 } from '../rules/dp100-content-folder-missing.ts';
import { dp101 } from '../rules/dp101-unexpected-file.ts';
import { dp102 } from '../rules/dp102-symlink-outside-content.ts';
import { dp103 } from '../rules/dp103-not-utf8-text.ts';
import { dp107 } from '../rules/dp107-frontmatter-missing.ts';
import { dp108 } from '../rules/dp108-invalid-id.ts';
import { dp109 } from '../rules/dp109-duplicate-id.ts';
import { dp110 } from '../rules/dp110-input-limits.ts';
import { idPattern } from '../schemas/shared.ts';
import { splitFrontmatter } from './frontmatter.ts';
import { checkFlowNesting, checkLineLengths, checkMarkdownNesting, inputLimits, type LimitProblem } from './input-limits.ts';
import { PositionIndex } from './positions.ts';
import { parseStrictYaml } from './strict-yaml.ts';
import { decodeUtf8 } from './text-file.ts';

export type RecordKind =
  'kind' | 'prd' | 'decision' | 'evidence' | 'work-item' | 'repositories' | 'roster' | 'approvals' | 'roster-approvals';

/** Why a symbolic link is not followed: a message of rule DP102. */
type LinkRefusal = 'broken' | 'outside' | 'inCommit';

export interface RawRecord {
  kind: RecordKind;
  id: string;
  /** Path shown to users: relative to the working directory, POSIX separators. */
  file: string;
  /** Path inside the content folder (`decisions/x.yaml`): what the published site shows. */
  source: string;
  /** The parsed value (frontmatter for a PRD); undefined when parsing failed. */
  data: unknown;
  positions: PositionIndex;
  /** Markdown body (a PRD's, or an own-body decision's) and the line it starts on. */
  body?: string;
  bodyLine?: number;
}

/** Every text file read, parsed or not: the secret scan covers them all. */
interface TextFile {
  file: string;
  text: string;
}

export interface ContentRead {
  root: string;
  records: RawRecord[];
  texts: TextFile[];
  /** Names of every entry seen (files and folders), for scanning names and paths. */
  names: { file: string; name: string }[];
  /** Every id present per kind, whether or not its record is valid: references resolve against these. */
  ids: Record<RecordKind, Set<string>>;
  issues: Issue[];
  /** True when the files were not read from disk (a git tree): `root` names no real folder. */
  virtual?: boolean;
}

const folders: Record<string, { kind: RecordKind; extensions: string[] }> = {
  kinds: { kind: 'kind', extensions: ['.yaml'] },
  prds: { kind: 'prd', extensions: ['.md'] },
  // A decision whose kind says `body: own` is markdown with frontmatter (checked against the kind later).
  decisions: { kind: 'decision', extensions: ['.yaml', '.json', '.md'] },
  evidence: { kind: 'evidence', extensions: ['.yaml', '.json'] },
  'work-items': { kind: 'work-item', extensions: ['.yaml', '.json'] },
};
const repositoriesFile = 'repositories.yaml';
/** Files at the content folder's top: name → record kind (the id is the kind's name). */
const topFiles: Record<string, RecordKind> = {
  [repositoriesFile]: 'repositories',
  'roster.yaml': 'roster',
  'roster.approvals.yaml': 'roster-approvals',
};
/** A packet's approval entries sit beside its record: decisions/<id>.approvals.yaml. */
const approvalsSuffix = '.approvals.yaml';

export interface ReadOptions {
  /** Folder the displayed file paths are relative to; default: process.cwd(). */
  cwd?: string;
  /** Where the files come from; default: the file system. A git tree: src/git/tree-reader.ts. */
  source?: FileSource;
  /**
   * What an earlier read of the same folder gave per file (a dev server's, src/validate/validation-cache.ts):
   * a file whose bytes are unchanged is not decoded or parsed again. Replaced by this read's.
   */
  reads?: ReadCache;
}

/** One file's read: its bytes, and the record, texts and issues they gave. */
interface CachedRead {
  bytes: Uint8Array;
  record: RawRecord | undefined;
  texts: TextFile[];
  issues: Issue[];
}

/** Reads per file, kept from one read of a folder to the next. */
export interface ReadCache {
  files: Map<string, CachedRead>;
}

/** What the reader needs of an entry: a fs.Dirent has it. */
export interface SourceEntry {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

/**
 * Where the reader's files come from. Paths are absolute, formed from the content folder's
 * absolute path with path.sep, whatever the source (a git tree maps its paths under the folder).
 */
export interface FileSource {
  /** The content folder's real path, or undefined when it is missing or not a folder. */
  root(absoluteDir: string): string | undefined;
  /** The folder's entries, any order. */
  list(dir: string): SourceEntry[];
  /** What a symbolic link leads to inside `root`, or why it is refused (a DP102 message key). */
  followLink(absolute: string, root: string): 'file' | 'dir' | 'other' | { refused: LinkRefusal };
  /** The whole file, or its first bytes when it is larger than inputLimits.maxFileBytes (the reader refuses it); the view is valid until the next call. */
  read(file: string): Uint8Array;
  /** True when nothing under `root` is on disk (a git tree): no one may read it from there. */
  readonly virtual?: boolean;
}

/** The file system, as the reader has always read it. */
const fileSystemSource: FileSource = {
  root(absoluteDir) {
    try {
      const root = realpathSync(absoluteDir);
      return statSync(root).isDirectory() ? root : undefined;
    } catch {
      return undefined;
    }
  },
  list: (dir) => readdirSync(dir, { withFileTypes: true }),
  followLink(absolute, root) {
    let target: string;
    try {
      target = realpathSync(absolute);
    } catch {
      return { refused: 'broken' };
    }
    if (target !== root && !target.startsWith(root + path.sep)) return { refused: 'outside' };
    const stat = statSync(target);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'dir' : 'other';
  },
  read: (file) => readWhole(file),
};

export function readContent(contentDir: string, options: ReadOptions = {}): ContentRead {
  const cwd = options.cwd ?? process.cwd();
  const display = (absolute: string) => toPosix(path.relative(cwd, absolute) || '.');
  const issues: Issue[] = [];
  const records: RawRecord[] = [];
  const texts: TextFile[] = [];
  const names: { file: string; name: string }[] = [];
  const ids = {
    kind: new Set<string>(),
    prd: new Set<string>(),
    decision: new Set<string>(),
    evidence: new Set<string>(),
    'work-item': new Set<string>(),
    repositories: new Set<string>(),
    roster: new Set<string>(),
    approvals: new Set<string>(),
    'roster-approvals': new Set<string>(),
  } satisfies Record<RecordKind, Set<string>>;
  const place = (file: string, position?: SourcePosition, field?: string): IssueLocation => ({ file, ...position, field });

  const files = options.source ?? fileSystemSource;
  const seenReads = new Map<string, CachedRead>();
  const absoluteDir = path.resolve(cwd, contentDir);
  const root = files.root(absoluteDir);
  if (root === undefined) {
    issues.push(dp100.report('missing', place(display(absoluteDir))));
    return { root: absoluteDir, records, texts, names, ids, issues, virtual: files.virtual };
  }

  // Resolves an entry; a link is followed only when it stays inside the content folder.
  const resolveEntry = (absolute: string, entry: SourceEntry): 'file' | 'dir' | 'other' | undefined => {
    if (entry.isSymbolicLink()) {
      const followed = files.followLink(absolute, root);
      if (typeof followed === 'string') return followed;
      issues.push(dp102.report(followed.refused, place(display(absolute))));
      return undefined;
    }
    return entry.isFile() ? 'file' : entry.isDirectory() ? 'dir' : 'other';
  };

  const list = (dir: string): SourceEntry[] => files.list(dir).sort((a, b) => cmp(a.name, b.name));

  let recordCount = 0;
  for (const entry of list(root)) {
    const absolute = path.join(root, entry.name);
    const shown = display(path.join(absoluteDir, entry.name));
    names.push({ file: shown, name: entry.name });
    if (entry.name.startsWith('.')) {
      issues.push(dp101.report('hidden', place(shown)));
      continue;
    }
    const type = resolveEntry(absolute, entry);
    if (type === undefined) continue;
    const topKind = Object.hasOwn(topFiles, entry.name) ? topFiles[entry.name] : undefined;
    if (topKind && type === 'file') {
      const record = readRecord(absolute, shown, entry.name, topKind, topKind, '.yaml');
      if (record) {
        records.push(record);
        ids[topKind].add(topKind);
      }
      continue;
    }
    const folder = folders[entry.name];
    if (type === 'other') {
      issues.push(dp101.report('special', place(shown)));
      continue;
    }
    if (!folder || type !== 'dir') {
      issues.push(dp101.report('notInLayout', place(shown), { name: entry.name }));
      continue;
    }
    const seen = new Map<string, string>();
    // A file's paths are its folder's plus its name (as path.join and path.relative would give,
    // without normalising again for each of thousands of files).
    const childPrefix = shown === '.' ? '' : `${shown}/`;
    for (const child of list(absolute)) {
      const childAbsolute = `${absolute}${path.sep}${child.name}`;
      const childShown = `${childPrefix}${child.name}`;
      names.push({ file: childShown, name: child.name });
      if (child.name.startsWith('.')) {
        issues.push(dp101.report('hidden', place(childShown)));
        continue;
      }
      const childType = resolveEntry(childAbsolute, child);
      if (childType === undefined) continue;
      const approvals = folder.kind === 'decision' && child.name.endsWith(approvalsSuffix);
      const extension = approvals ? approvalsSuffix : path.extname(child.name);
      if (childType === 'other') {
        issues.push(dp101.report('specialInFolder', place(childShown), { folder: entry.name }));
        continue;
      }
      if (childType !== 'file') {
        issues.push(dp101.report('subFolder', place(childShown), { folder: entry.name }));
        continue;
      }
      if (!approvals && !folder.extensions.includes(extension)) {
        const allowed = folder.extensions.join(' or ');
        const extra = extension === '.yml' ? ' Rename it to .yaml.' : '';
        issues.push(dp101.report('wrongType', place(childShown), { folder: entry.name, allowed, extra }));
        continue;
      }
      const id = child.name.slice(0, -extension.length);
      if (!idPattern.test(id)) {
        issues.push(dp108.report('invalid', place(childShown)));
        continue;
      }
      const key = approvals ? `${id.toLowerCase()}${approvalsSuffix}` : id.toLowerCase();
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        issues.push(dp109.report('duplicate', place(childShown, { line: 1, column: 1 }), { earlier }));
        continue;
      }
      seen.set(key, childShown);
      const recordKind = approvals ? 'approvals' : folder.kind;
      ids[recordKind].add(id);
      const record = readRecord(childAbsolute, childShown, `${entry.name}/${child.name}`, recordKind, id, approvals ? '.yaml' : extension);
      if (record) records.push(record);
      recordCount += 1;
    }
  }
  if (recordCount === 0 && issues.length === 0) {
    issues.push(dp100.report('empty', place(display(absoluteDir))));
  }
  if (options.reads) options.reads.files = seenReads;
  return { root, records, texts, names, ids, issues, virtual: files.virtual };

  // With a cache, a file whose bytes are unchanged gives what it gave last time; each read keeps
  // only the files it saw, so a removed file is forgotten.
  function readRecord(
    absolute: string,
    shown: string,
    source: string,
    kind: RecordKind,
    id: string,
    extension: string,
  ): RawRecord | undefined {
    const bytes = files.read(absolute);
    const cache = options.reads;
    if (!cache) return parseRecord(bytes, shown, source, kind, id, extension);
    const key = [absolute, shown, source, kind, id, extension].join('\0');
    const earlier = cache.files.get(key);
    if (earlier && Buffer.compare(earlier.bytes, bytes) === 0) {
      issues.push(...earlier.issues);
      texts.push(...earlier.texts);
      seenReads.set(key, earlier);
      return earlier.record;
    }
    const [issuesBefore, textsBefore] = [issues.length, texts.length];
    // A copy: the reader's buffer is reused for the next file.
    const kept = Uint8Array.from(bytes);
    const record = parseRecord(bytes, shown, source, kind, id, extension);
    seenReads.set(key, { bytes: kept, record, issues: issues.slice(issuesBefore), texts: texts.slice(textsBefore) });
    return record;
  }

  function parseRecord(
    bytes: Uint8Array,
    shown: string,
    source: string,
    kind: RecordKind,
    id: string,
    extension: string,
  ): RawRecord | undefined {
    if (bytes.length > inputLimits.maxFileBytes) {
      issues.push(dp110.report('fileTooLarge', place(shown, { line: 1, column: 1 })));
      return undefined;
    }
    if ((kind === 'prd' || extension === '.md') && bytes.length > inputLimits.maxPrdBytes) {
      issues.push(
        dp110.report('markdownTooLarge', place(shown, { line: 1, column: 1 }), { what: kind === 'prd' ? 'PRD' : 'markdown decision' }),
      );
      return undefined;
    }
    const decoded = decodeUtf8(bytes);
    if (!decoded.ok) {
      issues.push(dp103.report(decoded.reason, place(shown, { line: decoded.line, column: decoded.column })));
      return undefined;
    }
    texts.push({ file: shown, text: decoded.text });
    const tooLong = checkLineLengths(decoded.text);
    if (tooLong) {
      refuseLimit(shown, tooLong);
      return;
    }
    const markdown = kind === 'prd' || extension === '.md';
    if (markdown) {
      const split = splitFrontmatter(decoded.text);
      if (split.frontmatter === undefined) {
        issues.push(dp107.report(split.unclosed ? 'unclosed' : 'missing', place(shown, { line: 1, column: 1 })));
        return undefined;
      }
      const nested = checkFlowNesting(split.frontmatter, false) ?? checkMarkdownNesting(split.body, split.bodyLine);
      if (nested) {
        refuseLimit(shown, nested);
        return;
      }
      const parsed = parseStrictYaml(split.frontmatter, { lineOffset: split.frontmatterLineOffset });
      for (const problem of parsed.problems) issues.push(problem.report(place(shown, problem.position, problem.field)));
      if (parsed.problems.length > 0) return undefined;
      return { kind, id, file: shown, source, data: parsed.value, positions: parsed.positions, body: split.body, bodyLine: split.bodyLine };
    }
    const nested = checkFlowNesting(decoded.text, extension === '.json');
    if (nested) {
      refuseLimit(shown, nested);
      return;
    }
    const parsed = parseStrictYaml(decoded.text, { json: extension === '.json' });
    for (const problem of parsed.problems) issues.push(problem.report(place(shown, problem.position, problem.field)));
    if (parsed.problems.length > 0) return undefined;
    return { kind, id, file: shown, source, data: parsed.value, positions: parsed.positions };
  }

  function refuseLimit(shown: string, problem: LimitProblem): undefined {
    issues.push(dp110.report('limit', place(shown, { line: problem.line, column: problem.column }), { problem: problem.message }));
    return undefined;
  }
}

// One buffer, reused for every file: reading thousands of small files with readFileSync costs
// an fstat and a new buffer each. The bytes are decoded before the next file is read.
let readBuffer = Buffer.allocUnsafe(64 * 1024);

/**
 * The whole file, or its first maxFileBytes + 1 bytes when it is larger (the reader refuses it,
 * DP110; the rest is never read). The view is valid until the next call. Opened non-blocking:
 * should a FIFO replace the file after it was listed, reading ends at once instead of waiting.
 */
function readWhole(file: string): Uint8Array {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    let length = 0;
    for (;;) {
      if (length > inputLimits.maxFileBytes) return readBuffer.subarray(0, length);
      if (length === readBuffer.length) {
        const larger = Buffer.allocUnsafe(readBuffer.length * 2);
        readBuffer.copy(larger, 0, 0, length);
        readBuffer = larger;
      }
      let read: number;
      try {
        read = readSync(fd, readBuffer, length, readBuffer.length - length, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return readBuffer.subarray(0, length);
        throw error;
      }
      if (read === 0) return readBuffer.subarray(0, length);
      length += read;
    }
  } finally {
    closeSync(fd);
  }
}

function toPosix(value: string): string {
  return value.split(path.sep).join('/');
}
