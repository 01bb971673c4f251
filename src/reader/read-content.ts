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

/** A file the reader parses: where it is, how it is shown, and what record it holds. */
interface FileToRead {
  absolute: string;
  /** The path shown to users (relative to the working directory). */
  shown: string;
  /** The path inside the content folder. */
  source: string;
  kind: RecordKind;
  id: string;
  /** How it is parsed: `.yaml`, `.json` or `.md`. */
  extension: string;
}

const noIds = (): Record<RecordKind, Set<string>> => ({
  kind: new Set(),
  prd: new Set(),
  decision: new Set(),
  evidence: new Set(),
  'work-item': new Set(),
  repositories: new Set(),
  roster: new Set(),
  approvals: new Set(),
  'roster-approvals': new Set(),
});

const place = (file: string, position?: SourcePosition, field?: string): IssueLocation => ({ file, ...position, field });

export function readContent(contentDir: string, options: ReadOptions = {}): ContentRead {
  return new ContentReader(contentDir, options).read();
}

/** One read of a content folder: what it found so far, and the steps that find it. */
class ContentReader {
  readonly #options: ReadOptions;
  readonly #cwd: string;
  readonly #files: FileSource;
  readonly #absoluteDir: string;
  readonly #issues: Issue[] = [];
  readonly #records: RawRecord[] = [];
  readonly #texts: TextFile[] = [];
  readonly #names: { file: string; name: string }[] = [];
  readonly #ids = noIds();
  /** This read's reads per file, for the next read of the folder (options.reads). */
  readonly #seenReads = new Map<string, CachedRead>();
  /** Record files found in the folders (not the top files): none at all is DP100. */
  #recordCount = 0;

  constructor(contentDir: string, options: ReadOptions) {
    this.#options = options;
    this.#cwd = options.cwd ?? process.cwd();
    this.#files = options.source ?? fileSystemSource;
    this.#absoluteDir = path.resolve(this.#cwd, contentDir);
  }

  read(): ContentRead {
    const root = this.#files.root(this.#absoluteDir);
    if (root === undefined) {
      this.#issues.push(dp100.report('missing', place(this.#display(this.#absoluteDir))));
      return this.#result(this.#absoluteDir);
    }
    for (const entry of this.#list(root)) this.#readTopEntry(root, entry);
    if (this.#recordCount === 0 && this.#issues.length === 0) {
      this.#issues.push(dp100.report('empty', place(this.#display(this.#absoluteDir))));
    }
    if (this.#options.reads) this.#options.reads.files = this.#seenReads;
    return this.#result(root);
  }

  #result(root: string): ContentRead {
    const [records, texts, names, ids, issues] = [this.#records, this.#texts, this.#names, this.#ids, this.#issues];
    return { root, records, texts, names, ids, issues, virtual: this.#files.virtual };
  }

  #display(absolute: string): string {
    return toPosix(path.relative(this.#cwd, absolute) || '.');
  }

  #list(dir: string): SourceEntry[] {
    return this.#files.list(dir).sort((a, b) => cmp(a.name, b.name));
  }

  /** Resolves an entry; a link is followed only when it stays inside the content folder. */
  #resolveEntry(root: string, absolute: string, entry: SourceEntry): 'file' | 'dir' | 'other' | undefined {
    if (entry.isSymbolicLink()) {
      const followed = this.#files.followLink(absolute, root);
      if (typeof followed === 'string') return followed;
      this.#issues.push(dp102.report(followed.refused, place(this.#display(absolute))));
      return undefined;
    }
    return entry.isFile() ? 'file' : entry.isDirectory() ? 'dir' : 'other';
  }

  /** One entry of the content folder: a top file, a record folder, or something refused (DP101). */
  #readTopEntry(root: string, entry: SourceEntry): void {
    const absolute = path.join(root, entry.name);
    const shown = this.#display(path.join(this.#absoluteDir, entry.name));
    this.#names.push({ file: shown, name: entry.name });
    if (entry.name.startsWith('.')) {
      this.#issues.push(dp101.report('hidden', place(shown)));
      return;
    }
    const type = this.#resolveEntry(root, absolute, entry);
    if (type === undefined) return;
    const topKind = Object.hasOwn(topFiles, entry.name) ? topFiles[entry.name] : undefined;
    if (topKind && type === 'file') {
      const file = { absolute, shown, source: entry.name, kind: topKind, id: topKind, extension: '.yaml' };
      const record = this.#readRecord(file);
      if (record) {
        this.#records.push(record);
        this.#ids[topKind].add(topKind);
      }
      return;
    }
    const folder = folders[entry.name];
    if (type === 'other') this.#issues.push(dp101.report('special', place(shown)));
    else if (!folder || type !== 'dir') this.#issues.push(dp101.report('notInLayout', place(shown), { name: entry.name }));
    else this.#readFolder(root, entry.name, absolute, shown, folder);
  }

  /** A record folder (`decisions/`): every file in it, by name order; ids unique, case-insensitively. */
  #readFolder(root: string, name: string, absolute: string, shown: string, folder: (typeof folders)[string]): void {
    const seen = new Map<string, string>();
    // A file's paths are its folder's plus its name (as path.join and path.relative would give,
    // without normalising again for each of thousands of files).
    const childPrefix = shown === '.' ? '' : `${shown}/`;
    for (const child of this.#list(absolute)) {
      const childAbsolute = `${absolute}${path.sep}${child.name}`;
      const childShown = `${childPrefix}${child.name}`;
      this.#names.push({ file: childShown, name: child.name });
      if (child.name.startsWith('.')) {
        this.#issues.push(dp101.report('hidden', place(childShown)));
        continue;
      }
      const childType = this.#resolveEntry(root, childAbsolute, child);
      if (childType === undefined) continue;
      const file = this.#folderFile(name, folder, child.name, childType, childAbsolute, childShown);
      if (!file) continue;
      const key = file.kind === 'approvals' ? `${file.id.toLowerCase()}${approvalsSuffix}` : file.id.toLowerCase();
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        this.#issues.push(dp109.report('duplicate', place(childShown, { line: 1, column: 1 }), { earlier }));
        continue;
      }
      seen.set(key, childShown);
      this.#ids[file.kind].add(file.id);
      const record = this.#readRecord(file);
      if (record) this.#records.push(record);
      this.#recordCount += 1;
    }
  }

  /** The record a folder's file holds; undefined when its type, extension or id is refused (DP101, DP108). */
  #folderFile(
    folderName: string,
    folder: (typeof folders)[string],
    name: string,
    type: 'file' | 'dir' | 'other',
    absolute: string,
    shown: string,
  ): FileToRead | undefined {
    const approvals = folder.kind === 'decision' && name.endsWith(approvalsSuffix);
    const extension = approvals ? approvalsSuffix : path.extname(name);
    if (type === 'other') {
      this.#issues.push(dp101.report('specialInFolder', place(shown), { folder: folderName }));
      return undefined;
    }
    if (type !== 'file') {
      this.#issues.push(dp101.report('subFolder', place(shown), { folder: folderName }));
      return undefined;
    }
    if (!approvals && !folder.extensions.includes(extension)) {
      const allowed = folder.extensions.join(' or ');
      const extra = extension === '.yml' ? ' Rename it to .yaml.' : '';
      this.#issues.push(dp101.report('wrongType', place(shown), { folder: folderName, allowed, extra }));
      return undefined;
    }
    const id = name.slice(0, -extension.length);
    if (!idPattern.test(id)) {
      this.#issues.push(dp108.report('invalid', place(shown)));
      return undefined;
    }
    const kind = approvals ? 'approvals' : folder.kind;
    return { absolute, shown, source: `${folderName}/${name}`, kind, id, extension: approvals ? '.yaml' : extension };
  }

  // With a cache, a file whose bytes are unchanged gives what it gave last time; each read keeps
  // only the files it saw, so a removed file is forgotten.
  #readRecord(file: FileToRead): RawRecord | undefined {
    const bytes = this.#files.read(file.absolute);
    const cache = this.#options.reads;
    if (!cache) return this.#parseRecord(bytes, file);
    const key = [file.absolute, file.shown, file.source, file.kind, file.id, file.extension].join('\0');
    const earlier = cache.files.get(key);
    if (earlier && Buffer.compare(earlier.bytes, bytes) === 0) {
      this.#issues.push(...earlier.issues);
      this.#texts.push(...earlier.texts);
      this.#seenReads.set(key, earlier);
      return earlier.record;
    }
    const [issuesBefore, textsBefore] = [this.#issues.length, this.#texts.length];
    // A copy: the reader's buffer is reused for the next file.
    const kept = Uint8Array.from(bytes);
    const record = this.#parseRecord(bytes, file);
    const [issues, texts] = [this.#issues.slice(issuesBefore), this.#texts.slice(textsBefore)];
    this.#seenReads.set(key, { bytes: kept, record, issues, texts });
    return record;
  }

  /** Bytes to a record: size limits (DP110), UTF-8 (DP103), then markdown or YAML/JSON. */
  #parseRecord(bytes: Uint8Array, file: FileToRead): RawRecord | undefined {
    const { shown, kind, extension } = file;
    const markdown = kind === 'prd' || extension === '.md';
    if (bytes.length > inputLimits.maxFileBytes) {
      this.#issues.push(dp110.report('fileTooLarge', place(shown, { line: 1, column: 1 })));
      return undefined;
    }
    if (markdown && bytes.length > inputLimits.maxPrdBytes) {
      const what = kind === 'prd' ? 'PRD' : 'markdown decision';
      this.#issues.push(dp110.report('markdownTooLarge', place(shown, { line: 1, column: 1 }), { what }));
      return undefined;
    }
    const decoded = decodeUtf8(bytes);
    if (!decoded.ok) {
      this.#issues.push(dp103.report(decoded.reason, place(shown, { line: decoded.line, column: decoded.column })));
      return undefined;
    }
    this.#texts.push({ file: shown, text: decoded.text });
    const tooLong = checkLineLengths(decoded.text);
    if (tooLong) {
      this.#refuseLimit(shown, tooLong);
      return undefined;
    }
    return markdown ? this.#parseMarkdown(decoded.text, file) : this.#parseData(decoded.text, file);
  }

  /** A PRD or an own-body decision: YAML frontmatter (DP107), then its markdown body. */
  #parseMarkdown(text: string, file: FileToRead): RawRecord | undefined {
    const { shown, source, kind, id } = file;
    const split = splitFrontmatter(text);
    if (split.frontmatter === undefined) {
      this.#issues.push(dp107.report(split.unclosed ? 'unclosed' : 'missing', place(shown, { line: 1, column: 1 })));
      return undefined;
    }
    const nested = checkFlowNesting(split.frontmatter, false) ?? checkMarkdownNesting(split.body, split.bodyLine);
    if (nested) {
      this.#refuseLimit(shown, nested);
      return undefined;
    }
    const parsed = parseStrictYaml(split.frontmatter, { lineOffset: split.frontmatterLineOffset });
    if (!this.#parsedCleanly(shown, parsed.problems)) return undefined;
    const { value: data, positions } = parsed;
    return { kind, id, file: shown, source, data, positions, body: split.body, bodyLine: split.bodyLine };
  }

  /** A YAML or JSON record. */
  #parseData(text: string, file: FileToRead): RawRecord | undefined {
    const { shown, source, kind, id, extension } = file;
    const nested = checkFlowNesting(text, extension === '.json');
    if (nested) {
      this.#refuseLimit(shown, nested);
      return undefined;
    }
    const parsed = parseStrictYaml(text, { json: extension === '.json' });
    if (!this.#parsedCleanly(shown, parsed.problems)) return undefined;
    return { kind, id, file: shown, source, data: parsed.value, positions: parsed.positions };
  }

  /** Reports the parser's problems; true when there were none. */
  #parsedCleanly(shown: string, problems: ReturnType<typeof parseStrictYaml>['problems']): boolean {
    for (const problem of problems) this.#issues.push(problem.report(place(shown, problem.position, problem.field)));
    return problems.length === 0;
  }

  #refuseLimit(shown: string, problem: LimitProblem): void {
    const at = place(shown, { line: problem.line, column: problem.column });
    this.#issues.push(dp110.report('limit', at, { problem: problem.message }));
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
