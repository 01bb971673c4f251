// The one strict reader of a content folder. It reads every file, refuses what it does not know,
// and parses YAML/JSON/frontmatter with positions. It never skips a file silently.
import { closeSync, constants, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Issue, SourcePosition } from '../core/issue.ts';
import { cmp } from '../core/issue.ts';
import { getRule, type RuleId } from '../rules/catalog.ts';
import { idPattern } from '../schemas/shared.ts';
import { splitFrontmatter } from './frontmatter.ts';
import { checkFlowNesting, checkLineLengths, checkMarkdownNesting, inputLimits, type LimitProblem } from './input-limits.ts';
import { PositionIndex } from './positions.ts';
import { parseStrictYaml } from './strict-yaml.ts';
import { decodeUtf8 } from './text-file.ts';

export type RecordKind = 'kind' | 'prd' | 'decision' | 'evidence' | 'work-item' | 'repositories' | 'roster' | 'approvals' | 'roster-approvals';

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
export interface TextFile {
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
const topFiles: Record<string, RecordKind> = { [repositoriesFile]: 'repositories', 'roster.yaml': 'roster', 'roster.approvals.yaml': 'roster-approvals' };
/** A packet's approval entries sit beside its record: decisions/<id>.approvals.yaml. */
const approvalsSuffix = '.approvals.yaml';

export interface ReadOptions {
  /** Folder the displayed file paths are relative to; default: process.cwd(). */
  cwd?: string;
  /** Where the files come from; default: the file system. A git tree: src/git/tree-reader.ts. */
  source?: FileSource;
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
  /** What a symbolic link leads to inside `root`, or why it is refused (a DP102 message). */
  followLink(absolute: string, root: string): 'file' | 'dir' | 'other' | { refused: string };
  /** The whole file, or its first bytes when it is larger than inputLimits.maxFileBytes (the reader refuses it); the view is valid until the next call. */
  read(file: string): Uint8Array;
  /** True when nothing under `root` is on disk (a git tree): no one may read it from there. */
  readonly virtual?: boolean;
}

/** The file system, as the reader has always read it. */
export const fileSystemSource: FileSource = {
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
      return { refused: 'The symbolic link is broken.' };
    }
    if (target !== root && !target.startsWith(root + path.sep)) return { refused: 'The symbolic link leads out of the content folder.' };
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
  const ids = { kind: new Set<string>(), prd: new Set<string>(), decision: new Set<string>(), evidence: new Set<string>(), 'work-item': new Set<string>(), repositories: new Set<string>(), roster: new Set<string>(), approvals: new Set<string>(), 'roster-approvals': new Set<string>() } satisfies Record<RecordKind, Set<string>>;
  const report = (ruleId: RuleId, file: string, message: string, position?: SourcePosition, field?: string) =>
    issues.push({ ruleId, file, line: position?.line, column: position?.column, field, message, hint: getRule(ruleId).hint });

  const files = options.source ?? fileSystemSource;
  const absoluteDir = path.resolve(cwd, contentDir);
  const root = files.root(absoluteDir);
  if (root === undefined) {
    report('DP100', display(absoluteDir), 'The content folder does not exist or is not a folder.');
    return { root: absoluteDir, records, texts, names, ids, issues, virtual: files.virtual };
  }

  // Resolves an entry; a link is followed only when it stays inside the content folder.
  const resolveEntry = (absolute: string, entry: SourceEntry): 'file' | 'dir' | 'other' | undefined => {
    if (entry.isSymbolicLink()) {
      const followed = files.followLink(absolute, root);
      if (typeof followed === 'string') return followed;
      report('DP102', display(absolute), followed.refused);
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
      report('DP101', shown, 'Hidden files and folders are not allowed in the content folder.');
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
      report('DP101', shown, 'The content folder holds regular files and folders only: this is a FIFO, socket or device, and it was not opened.');
      continue;
    }
    if (!folder || type !== 'dir') {
      report('DP101', shown, `"${entry.name}" is not part of the content layout (kinds/, prds/, decisions/, evidence/, work-items/, repositories.yaml, roster.yaml, roster.approvals.yaml).`);
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
        report('DP101', childShown, 'Hidden files and folders are not allowed in the content folder.');
        continue;
      }
      const childType = resolveEntry(childAbsolute, child);
      if (childType === undefined) continue;
      const approvals = folder.kind === 'decision' && child.name.endsWith(approvalsSuffix);
      const extension = approvals ? approvalsSuffix : path.extname(child.name);
      if (childType === 'other') {
        report('DP101', childShown, `${entry.name}/ holds regular files only: this is a FIFO, socket or device, and it was not opened.`);
        continue;
      }
      if (childType !== 'file') {
        report('DP101', childShown, `${entry.name}/ holds files only; sub-folders are not read.`);
        continue;
      }
      if (!approvals && !folder.extensions.includes(extension)) {
        const allowed = folder.extensions.join(' or ');
        const extra = extension === '.yml' ? ' Rename it to .yaml.' : '';
        report('DP101', childShown, `${entry.name}/ holds ${allowed} files only.${extra}`);
        continue;
      }
      const id = child.name.slice(0, -extension.length);
      if (!idPattern.test(id)) {
        report('DP108', childShown, 'The file name is not a valid id.');
        continue;
      }
      const key = approvals ? `${id.toLowerCase()}${approvalsSuffix}` : id.toLowerCase();
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        report('DP109', childShown, `The id is already defined by ${earlier}.`, { line: 1, column: 1 });
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
    report('DP100', display(absoluteDir), 'The content folder holds no records: there is nothing to validate or publish.');
  }
  return { root, records, texts, names, ids, issues, virtual: files.virtual };

  function readRecord(absolute: string, shown: string, source: string, kind: RecordKind, id: string, extension: string): RawRecord | undefined {
    const bytes = files.read(absolute);
    if (bytes.length > inputLimits.maxFileBytes) {
      report('DP110', shown, `The file is larger than ${inputLimits.maxFileBytes / 1024 / 1024} MiB; it is not read.`, { line: 1, column: 1 });
      return undefined;
    }
    if ((kind === 'prd' || extension === '.md') && bytes.length > inputLimits.maxPrdBytes) {
      report('DP110', shown, `The ${kind === 'prd' ? 'PRD' : 'markdown decision'} is larger than ${inputLimits.maxPrdBytes / 1024} KiB; it is not read.`, { line: 1, column: 1 });
      return undefined;
    }
    const decoded = decodeUtf8(bytes);
    if (!decoded.ok) {
      report('DP103', shown, decoded.reason, { line: decoded.line, column: decoded.column });
      return undefined;
    }
    texts.push({ file: shown, text: decoded.text });
    const tooLong = checkLineLengths(decoded.text);
    if (tooLong) return refuseLimit(shown, tooLong);
    const markdown = kind === 'prd' || extension === '.md';
    if (markdown) {
      const split = splitFrontmatter(decoded.text);
      if (split.frontmatter === undefined) {
        report('DP107', shown, split.unclosed ? 'The frontmatter block has no closing "---" line.' : 'The file does not start with a "---" frontmatter block.', { line: 1, column: 1 });
        return undefined;
      }
      const nested = checkFlowNesting(split.frontmatter, false) ?? checkMarkdownNesting(split.body, split.bodyLine);
      if (nested) return refuseLimit(shown, nested);
      const parsed = parseStrictYaml(split.frontmatter, { lineOffset: split.frontmatterLineOffset });
      for (const problem of parsed.problems) report(problem.rule, shown, problem.message, problem.position, problem.field);
      if (parsed.problems.length > 0) return undefined;
      return { kind, id, file: shown, source, data: parsed.value, positions: parsed.positions, body: split.body, bodyLine: split.bodyLine };
    }
    const nested = checkFlowNesting(decoded.text, extension === '.json');
    if (nested) return refuseLimit(shown, nested);
    const parsed = parseStrictYaml(decoded.text, { json: extension === '.json' });
    for (const problem of parsed.problems) report(problem.rule, shown, problem.message, problem.position, problem.field);
    if (parsed.problems.length > 0) return undefined;
    return { kind, id, file: shown, source, data: parsed.value, positions: parsed.positions };
  }

  function refuseLimit(shown: string, problem: LimitProblem): undefined {
    report('DP110', shown, problem.message, { line: problem.line, column: problem.column });
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
