// Secret scan of the content: the raw text of every file, every parsed string (keys and values:
// YAML/JSON escapes and escaped line breaks can build a token that never appears literally), and
// every file and folder name; each also as it decodes (percent-encoding, `+` for a space,
// character references, markdown backslash escapes: decode-forms.ts). Reports DP600 by location and kind only; the values found are
// returned for masking. A scanner that cannot load or run is DP602, never a pass.
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Issue, SourcePosition } from '../core/issue.ts';
import type { ContentRead, RawRecord } from '../reader/read-content.ts';
import { joinPath } from '../reader/positions.ts';
import { renderedTexts } from '../markdown/rendered-texts.ts';
import { rememberSecrets } from '../report/redact.ts';
import { getRule } from '../rules/catalog.ts';
import { decodedForms } from './decode-forms.ts';
import { capitalize, lastStartAtOrBefore, lineStartsOf, mergeFindings, positionAt, type SecretFinding } from './detectors.ts';
import { fallbackEngine, type SecretEngine } from './engine.ts';
import { WorkerEngine } from './engine-on-worker.ts';

export interface SecretScan {
  issues: Issue[];
  /** Values found; used only to mask output. */
  values: string[];
}

export interface ScanOptions {
  /** The engine to use, or how to load it; default: the secretlint engine on a worker thread of its own (engine-on-worker.ts). */
  engine?: SecretEngine | (() => Promise<SecretEngine>);
}

type Unit =
  | { type: 'raw'; file: string; text: string }
  | { type: 'name'; file: string; text: string }
  | { type: 'rendered'; file: string; text: string; line: number; document: RenderedDocument }
  | { type: 'parsed'; file: string; text: string; entry: ParsedString; prefix: number; encoded?: boolean }
  | { type: 'encoded'; file: string; text: string; starts: number[]; lines: number[] };

interface ParsedString {
  /** Field path; for a key, the path the key opens. */
  field: string;
  value: string;
  isKey: boolean;
  /** The key that holds this value, for key-value rules (`password: …`), and where it stands. */
  key?: string;
  keyPosition?: SourcePosition;
  position: SourcePosition;
}

interface Located {
  file: string;
  line?: number;
  column?: number;
  field?: string;
  kind: string;
  where: 'file' | 'value' | 'key' | 'decoded-value' | 'decoded-key' | 'encoded' | 'name' | 'rendered';
  values: string[];
  /** For `rendered`: whose markdown it is. */
  document?: RenderedDocument;
}

/** Markdown the scan reads as it renders: a PRD's, or a decision's own body (its kind says body: own). */
type RenderedDocument = 'PRD' | 'decision';

/**
 * Secrets reported one by one per file; beyond this the file gets one more DP600 saying how many
 * more places were found (all of them are still masked). Bounds the work per finding too.
 */
export const MAX_SECRETS_LISTED_PER_FILE = 50;
/** Findings per file that are located (line, field); the rest are counted. */
const MAX_LOCATED_PER_FILE = 2 * MAX_SECRETS_LISTED_PER_FILE;

/** Files larger than this that the reader refused are not read again for the scan. */
const MAX_UNREAD_BYTES = 8 * 1024 * 1024;
const lenient = new TextDecoder('utf-8', { fatal: false });

export async function scanContentForSecrets(content: ContentRead, options: ScanOptions = {}): Promise<SecretScan> {
  const issues: Issue[] = [];
  const rootShown = contentShown(content);
  let engine: SecretEngine;
  // Without an engine given, one on a worker thread for this scan, closed once it is done.
  let closeEngine: (() => void) | undefined;
  try {
    if (typeof options.engine === 'function') {
      engine = await options.engine();
    } else if (options.engine) {
      // Given ready: the raw texts are handed over before this function first waits.
      engine = options.engine;
    } else {
      const onWorker = new WorkerEngine();
      closeEngine = () => onWorker.close();
      engine = onWorker;
    }
  } catch (error) {
    issues.push(unavailable(rootShown, error));
    engine = fallbackEngine;
  }
  let failed = false;
  const scanTexts = async (texts: string[]): Promise<SecretFinding[][]> => {
    try {
      const results = await engine.scan(texts);
      if (!Array.isArray(results) || results.length !== texts.length) throw new Error('the scanner returned no result for some texts');
      return results;
    } catch (error) {
      if (engine !== fallbackEngine && !failed) issues.push(unavailable(rootShown, error));
      failed = true;
      return fallbackEngine.scan(texts);
    }
  };

  // The raw texts (most of the work) are handed to the engine at once; the other units are
  // prepared meanwhile, once the caller has moved on (validate() runs git then: this thread waits).
  const units: Unit[] = [];
  for (const { file, text } of [...content.texts, ...unreadFiles(content)]) units.push({ type: 'raw', file, text });
  const rawCount = units.length;
  const rawResults = scanTexts(units.map((unit) => unit.text));
  await new Promise((resolve) => setImmediate(resolve));

  const entriesByFile = new Map<string, ParsedString[]>();
  const rawTexts = new Map(content.texts.map(({ file, text }) => [file, text]));
  for (const record of content.records) {
    const entries = parsedStrings(record);
    entriesByFile.set(record.file, entries);
    const raw = rawTexts.get(record.file);
    const starts = raw === undefined ? undefined : lineStartsOf(raw);
    for (const entry of entries) {
      const prefix = entry.key === undefined ? '' : `${entry.key}: `;
      // As it decodes, located at its field (the raw line's decoded form finds it again there).
      for (const form of decodedForms(entry.value)) {
        units.push({ type: 'parsed', file: record.file, text: prefix + form, entry, prefix: prefix.length, encoded: true });
      }
      // A string that stands literally at its place, in the same context, gives the raw scan the
      // very same characters: scanning it again finds nothing new. Everything else is scanned.
      if (raw !== undefined && starts !== undefined && literalInRaw(raw, starts, entry)) continue;
      units.push({ type: 'parsed', file: record.file, text: prefix + entry.value, entry, prefix: prefix.length });
    }
  }
  for (const { file, name } of content.names) {
    units.push({ type: 'name', file, text: name });
    for (const form of decodedForms(name)) units.push({ type: 'name', file, text: form });
  }
  // Markdown prose (PRDs, own-body decisions) as it renders: character references and backslash escapes decoded.
  for (const record of content.records) {
    if (record.body === undefined) continue;
    for (const { text, line } of renderedTexts(record.body, record.bodyLine)) units.push({ type: 'rendered', file: record.file, text, line, document: record.kind === 'prd' ? 'PRD' : 'decision' });
  }
  // Each raw line (a field, a PRD's or a decision body's markdown, a comment) as it decodes; after
  // the units above, which locate what they find better (a field, "as it renders").
  for (const { file, text } of content.texts) {
    const encoded = encodedLines(text);
    if (encoded) units.push({ type: 'encoded', file, ...encoded });
  }
  const otherResults = scanTexts(units.slice(rawCount).map((unit) => unit.text));
  let results: SecretFinding[][];
  try {
    results = [...(await rawResults), ...(await otherResults)];
  } finally {
    closeEngine?.();
  }

  const located: Located[] = [];
  // Raw findings by file and field, to recognise a decoded value found again (see below).
  const rawByField = new Map<string, Located[]>();
  const rawByLine = new Map<string, Located[]>();
  const lineStarts = new Map<Unit, number[]>();
  const locatedPerFile = new Map<string, number>();
  const unlocated = new Map<string, number>();
  const foundValues = new Set<string>();
  const owners = new Map<string, OwnerIndex>();
  units.forEach((unit, index) => {
    const findings = results[index] ?? [];
    if (findings.length === 0) return;
    for (const { finding, values } of mergeFindings(findings)) {
      for (const value of values) foundValues.add(value);
      const count = locatedPerFile.get(unit.file) ?? 0;
      if (count >= MAX_LOCATED_PER_FILE) {
        unlocated.set(unit.file, (unlocated.get(unit.file) ?? 0) + 1);
        continue;
      }
      if (unit.type === 'raw') {
        let starts = lineStarts.get(unit);
        if (!starts) lineStarts.set(unit, (starts = lineStartsOf(unit.text)));
        const at = positionAt(starts, finding.start);
        let ownerIndex = owners.get(unit.file);
        if (!ownerIndex) owners.set(unit.file, (ownerIndex = new OwnerIndex(entriesByFile.get(unit.file) ?? [])));
        const owner = ownerIndex.ownerOf(finding.value, at);
        const item: Located = {
          file: unit.file,
          ...at,
          field: owner?.field,
          kind: finding.kind,
          where: owner ? (owner.isKey ? 'key' : 'value') : 'file',
          values,
        };
        located.push(item);
        const lineKey = `${unit.file}\u0000${item.line}`;
        const onLine = rawByLine.get(lineKey);
        if (onLine) onLine.push(item);
        else rawByLine.set(lineKey, [item]);
        const fieldKey = `${unit.file}\u0000${item.field ?? ''}`;
        const list = rawByField.get(fieldKey);
        if (list) list.push(item);
        else rawByField.set(fieldKey, [item]);
      } else if (unit.type === 'encoded') {
        const line = unit.lines[lastStartAtOrBefore(unit.starts, finding.start)]!;
        located.push({ file: unit.file, line, kind: finding.kind, where: 'encoded', values });
      } else if (unit.type === 'name') {
        located.push({ file: unit.file, kind: finding.kind, where: 'name', values });
      } else if (unit.type === 'rendered') {
        let line = unit.line;
        for (let index = unit.text.indexOf('\n'); index !== -1 && index < finding.start; index = unit.text.indexOf('\n', index + 1)) line += 1;
        located.push({ file: unit.file, line, kind: finding.kind, where: 'rendered', values, document: unit.document });
      } else {
        if (finding.end <= unit.prefix) continue; // the key alone: its own entry reports it
        const { entry } = unit;
        located.push({
          file: unit.file,
          ...entry.position,
          field: entry.field || undefined,
          kind: finding.kind,
          where: unit.encoded ? 'encoded' : entry.isKey ? 'decoded-key' : 'decoded-value',
          values,
        });
      }
      locatedPerFile.set(unit.file, count + 1);
    }
  });

  // The same secret found in the raw text and again in the parsed value of the same field is one
  // finding, reported where the raw text has it.
  const seen = new Set<string>();
  const values = new Set<string>();
  for (const value of foundValues) for (const extra of maskValues(value)) values.add(extra);
  const listed = new Map<string, number>();
  const decodedByLine = new Map<string, string[][]>();
  for (const item of located) {
    if (item.where === 'decoded-value' || item.where === 'decoded-key') {
      const raw = rawByField.get(`${item.file}\u0000${item.field ?? ''}`) ?? [];
      const same = raw.some((other) => overlaps(other.values, item.values));
      if (same) continue;
    }
    // Found again in the rendered text of a line whose raw text already shows it.
    if (item.where === 'rendered' && (rawByLine.get(`${item.file}\u0000${item.line}`) ?? []).some((other) => overlaps(other.values, item.values))) continue;
    // Found again as it decodes, in the field or on the line whose raw text already shows it ("+" read as a space).
    if (item.where === 'encoded') {
      const byField = item.field === undefined ? [] : (rawByField.get(`${item.file}\u0000${item.field}`) ?? []);
      const raw = [...byField, ...(rawByLine.get(`${item.file}\u0000${item.line}`) ?? [])];
      if (raw.some((other) => overlaps(other.values, item.values, plusAsSpace))) continue;
    }
    // One decoded secret is one finding, whether its field, its rendered text or its line decoded it.
    if (item.where === 'encoded' || item.where === 'rendered') {
      const lineKey = `${item.file}\u0000${item.line}`;
      const before = decodedByLine.get(lineKey) ?? [];
      if (before.some((other) => overlaps(other, item.values))) continue;
      decodedByLine.set(lineKey, [...before, item.values]);
    }
    const key = `${item.file}\u0000${item.line ?? ''}\u0000${item.column ?? ''}\u0000${item.field ?? ''}\u0000${normalize(item.values[0] ?? '')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const count = listed.get(item.file) ?? 0;
    listed.set(item.file, count + 1);
    if (count >= MAX_SECRETS_LISTED_PER_FILE) {
      unlocated.set(item.file, (unlocated.get(item.file) ?? 0) + 1);
      continue;
    }
    issues.push({
      ruleId: 'DP600',
      file: item.file,
      line: item.line,
      column: item.column,
      field: item.field,
      message: messageFor(item),
      hint: getRule('DP600').hint,
    });
  }
  for (const [file, more] of unlocated) {
    issues.push({
      ruleId: 'DP600',
      file,
      message: `${more.toLocaleString('en-US')} more secret values are in this file beyond the first ${MAX_SECRETS_LISTED_PER_FILE} listed; they are not shown or listed one by one.`,
      hint: getRule('DP600').hint,
    });
  }
  const list = [...values].sort();
  rememberSecrets(list);
  return { issues, values: list };
}

function messageFor(item: Located): string {
  const kind = capitalize(item.kind);
  switch (item.where) {
    case 'file':
      return `${kind} is in this file; it is not shown.`;
    case 'value':
      return `${kind} is in this value; it is not shown.`;
    case 'key':
      return `${kind} is in this key; it is not shown.`;
    case 'decoded-value':
      return `${kind} is in this value once its escapes and line breaks are read; it is not shown.`;
    case 'decoded-key':
      return `${kind} is in this key once its escapes are read; it is not shown.`;
    case 'name':
      return `${kind} is in this file or folder name; it is not shown.`;
    case 'encoded':
      return `${kind} is in this ${item.field === undefined ? 'line' : 'value'} once its percent-encoding, "+" for spaces, character references or backslash escapes are decoded; it is not shown.`;
    case 'rendered':
      return `${kind} is in this ${item.document ?? 'PRD'} text as it renders (character references or backslash escapes decoded); it is not shown.`;
  }
}

/**
 * The lines of a raw text that decode to something else (decode-forms.ts), joined, with where
 * each starts in the joined text and its line in the file; undefined when no line decodes.
 */
function encodedLines(text: string): { text: string; starts: number[]; lines: number[] } | undefined {
  const parts: string[] = [];
  const starts: number[] = [];
  const lines: number[] = [];
  let offset = 0;
  let line = 1;
  for (let start = 0; start <= text.length; line += 1) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    for (const form of decodedForms(text.slice(start, stop))) {
      parts.push(form);
      starts.push(offset);
      lines.push(line);
      offset += form.length + 1;
    }
    if (end === -1) break;
    start = end + 1;
  }
  return parts.length === 0 ? undefined : { text: parts.join('\n'), starts, lines };
}

/** Every string of a parsed record, keys included, with the position of its field. */
function parsedStrings(record: RawRecord): ParsedString[] {
  const out: ParsedString[] = [];
  const walk = (value: unknown, field: string, key: string | undefined, depth: number): void => {
    if (depth > 64) return;
    if (typeof value === 'string') {
      const keyPosition = key === undefined ? undefined : record.positions.key(field);
      out.push({ field, value, isKey: false, key, keyPosition, position: record.positions.value(field) });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, joinPath(field, index), undefined, depth + 1));
    } else if (value !== null && typeof value === 'object') {
      for (const [childKey, child] of Object.entries(value)) {
        const childField = joinPath(field, childKey);
        out.push({ field: childField, value: childKey, isKey: true, position: record.positions.key(childField) });
        walk(child, childField, childKey, depth + 1);
      }
    }
  };
  if (record.data !== undefined) walk(record.data, '', undefined, 0);
  return out;
}

/**
 * Whether a parsed string is written literally where the parser found it (plain or quoted, on one
 * line), and, for a value, whether its key is written literally right before it (`key: value`,
 * `"key": "value"`), so that the raw scan saw the same characters with the same neighbours.
 */
function literalInRaw(raw: string, starts: readonly number[], entry: ParsedString): boolean {
  if (entry.value.includes('\n') || entry.value.includes('\r')) return false;
  const valueAt = literalAt(raw, starts, entry.position, entry.value);
  if (valueAt === undefined) return false;
  if (entry.key === undefined) return true;
  if (entry.keyPosition === undefined) return false;
  const keyAt = literalAt(raw, starts, entry.keyPosition, entry.key);
  if (keyAt === undefined) return false;
  const between = raw.slice(keyAt + entry.key.length, valueAt);
  return /^["']?[ \t]*:[ \t]*["']?$/.test(between);
}

/** Offset where `text` starts at a position, right there or after an opening quote. */
function literalAt(raw: string, starts: readonly number[], position: SourcePosition, text: string): number | undefined {
  const lineStart = starts[position.line - 1];
  if (lineStart === undefined) return undefined;
  const offset = lineStart + position.column - 1;
  if (raw.startsWith(text, offset)) return offset;
  const quote = raw[offset];
  if ((quote === '"' || quote === "'") && raw.startsWith(text, offset + 1) && raw[offset + 1 + text.length] === quote) return offset + 1;
  return undefined;
}

/** How many parsed strings around a raw finding are looked at to find the field holding it. */
const OWNER_WINDOW = 64;

/**
 * The field whose parsed string holds a secret found in the raw text: the last one at or before
 * it (a few dozen strings looked at around its position, never every string of the file).
 */
class OwnerIndex {
  private readonly sorted: { entry: ParsedString; normalized: string | undefined }[];

  constructor(entries: readonly ParsedString[]) {
    this.sorted = entries.map((entry) => ({ entry, normalized: undefined as string | undefined })).sort((a, b) => comparePositions(a.entry.position, b.entry.position));
  }

  ownerOf(value: string, at: SourcePosition): ParsedString | undefined {
    const needle = normalize(value);
    // The last entry at or before the finding.
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (comparePositions(this.sorted[middle]!.entry.position, at) <= 0) low = middle + 1;
      else high = middle;
    }
    for (let index = low - 1; index >= Math.max(0, low - OWNER_WINDOW); index -= 1) if (this.holds(index, needle)) return this.sorted[index]!.entry;
    for (let index = low; index < Math.min(this.sorted.length, low + OWNER_WINDOW); index += 1) if (this.holds(index, needle)) return this.sorted[index]!.entry;
    return undefined;
  }

  private holds(index: number, needle: string): boolean {
    const item = this.sorted[index]!;
    item.normalized ??= normalize(item.entry.value);
    return item.normalized.includes(needle);
  }
}

function comparePositions(a: SourcePosition, b: SourcePosition): number {
  return a.line - b.line || a.column - b.column;
}

function normalize(value: string): string {
  return value.replace(/\s+/g, '');
}

/** A value compared with its form-decoded self, where each "+" became a space. */
function plusAsSpace(value: string): string {
  return value.replace(/[\s+]+/g, '');
}

function overlaps(a: readonly string[], b: readonly string[], fold = normalize): boolean {
  return a.some((x) => b.some((y) => fold(x).includes(fold(y)) || fold(y).includes(fold(x))));
}

/** What to mask for a value: the value, and for credentials in URLs the user:password and password parts. */
function maskValues(value: string): string[] {
  const out = [value];
  const url = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/)?([^\s/:@]+):([^\s/@]+)@?/.exec(value);
  if (url && (value.includes('://') || value.includes(':'))) {
    out.push(`${url[1]}:${url[2]}`);
    if (url[2]!.length >= 8) out.push(url[2]!);
  }
  const trimmed = value.trim();
  if (trimmed !== value) out.push(trimmed);
  return out.filter((item) => item.length >= 4);
}

function unavailable(file: string, error: unknown): Issue {
  const name = error instanceof Error ? error.name : 'unknown error';
  return {
    ruleId: 'DP602',
    file,
    message: `The secret scanner could not load or run (${name}); the content cannot be published unscanned.`,
    hint: getRule('DP602').hint,
  };
}

/** The content folder as shown in messages, derived from the reader's own display paths. */
function contentShown(content: ContentRead): string {
  const first = content.names[0];
  if (first && first.file.endsWith(first.name)) {
    const prefix = first.file.slice(0, first.file.length - first.name.length).replace(/\/$/, '');
    return prefix || '.';
  }
  return path.relative(process.cwd(), content.root).split(path.sep).join('/') || '.';
}

/**
 * Files the reader listed but did not read (hidden files, wrong extensions, bad names, invalid
 * UTF-8): they are refused anyway, but a secret in them is still a secret in the content.
 */
function unreadFiles(content: ContentRead): { file: string; text: string }[] {
  // A git tree's files are not on disk: the same names there are another version's.
  if (content.virtual) return [];
  const first = content.names[0];
  if (!first || !first.file.endsWith(first.name)) return [];
  const prefix = first.file.slice(0, first.file.length - first.name.length);
  const read = new Set(content.texts.map((text) => text.file));
  const out: { file: string; text: string }[] = [];
  for (const { file } of content.names) {
    if (read.has(file) || !file.startsWith(prefix)) continue;
    const absolute = path.resolve(content.root, file.slice(prefix.length));
    if (!absolute.startsWith(content.root + path.sep)) continue;
    try {
      const stat = lstatSync(absolute);
      if (!stat.isFile() || stat.size > MAX_UNREAD_BYTES) continue;
      out.push({ file, text: lenient.decode(readFileSync(absolute)).replace(/\r\n/g, '\n') });
    } catch {
      // Gone or unreadable: the reader has reported what it could.
    }
  }
  return out;
}
