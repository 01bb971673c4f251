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
import { dp600 } from '../rules/dp600-secret-value.ts';
import { dp602 } from '../rules/dp602-secret-scanner-unavailable.ts';
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
const MAX_SECRETS_LISTED_PER_FILE = 50;
/** Findings per file that are located (line, field); the rest are counted. */
const MAX_LOCATED_PER_FILE = 2 * MAX_SECRETS_LISTED_PER_FILE;

/** Files larger than this that the reader refused are not read again for the scan. */
const MAX_UNREAD_BYTES = 8 * 1024 * 1024;
const lenient = new TextDecoder('utf-8', { fatal: false });

export async function scanContentForSecrets(content: ContentRead, options: ScanOptions = {}): Promise<SecretScan> {
  const issues: Issue[] = [];
  const rootShown = contentShown(content);
  const onError = (error: unknown) => issues.push(unavailable(rootShown, error));
  // Given ready, the raw texts are handed to the engine before this function first waits.
  const opened = typeof options.engine === 'function' ? await loadEngine(options.engine, onError) : openEngine(options.engine, onError);
  const scanTexts = scannerOn(opened.engine, onError);

  // The raw texts (most of the work) are handed to the engine at once; the other units are
  // prepared meanwhile, once the caller has moved on (validate() runs git then: this thread waits).
  const rawUnits: Unit[] = [...content.texts, ...unreadFiles(content)].map(({ file, text }) => ({ type: 'raw', file, text }));
  const rawResults = scanTexts(rawUnits.map((unit) => unit.text));
  await new Promise((resolve) => setImmediate(resolve));

  const entriesByFile = new Map(content.records.map((record) => [record.file, parsedStrings(record)]));
  // In this order: a later unit locates what it finds less well (the encoded lines last).
  const otherUnits = [...parsedUnits(content, entriesByFile), ...nameUnits(content), ...renderedUnits(content), ...encodedUnits(content)];
  const otherResults = scanTexts(otherUnits.map((unit) => unit.text));
  let results: SecretFinding[][];
  try {
    results = [...(await rawResults), ...(await otherResults)];
  } finally {
    opened.close?.();
  }

  const found = locateFindings([...rawUnits, ...otherUnits], results, entriesByFile);
  issues.push(...reportFindings(found));
  const values = new Set<string>();
  for (const value of found.values) for (const extra of maskValues(value)) values.add(extra);
  const list = [...values].sort();
  rememberSecrets(list);
  return { issues, values: list };
}

interface OpenEngine {
  engine: SecretEngine;
  /** Closes an engine this scan started (a worker thread of its own). */
  close?: () => void;
}

async function loadEngine(load: () => Promise<SecretEngine>, onError: (error: unknown) => void): Promise<OpenEngine> {
  try {
    return { engine: await load() };
  } catch (error) {
    onError(error);
    return { engine: fallbackEngine };
  }
}

/** The engine given, or one on a worker thread for this scan, closed once it is done. */
function openEngine(given: SecretEngine | undefined, onError: (error: unknown) => void): OpenEngine {
  try {
    if (given) return { engine: given };
    const onWorker = new WorkerEngine();
    return {
      engine: onWorker,
      close: () => {
        onWorker.close();
      },
    };
  } catch (error) {
    onError(error);
    return { engine: fallbackEngine };
  }
}

/** Scans texts with the engine; an engine that fails is reported once and the fallback scans instead. */
function scannerOn(engine: SecretEngine, onError: (error: unknown) => void): (texts: string[]) => Promise<SecretFinding[][]> {
  let failed = false;
  return async (texts) => {
    try {
      const results = await engine.scan(texts);
      if (!Array.isArray(results) || results.length !== texts.length) throw new Error('the scanner returned no result for some texts');
      return results;
    } catch (error) {
      if (engine !== fallbackEngine && !failed) onError(error);
      failed = true;
      return fallbackEngine.scan(texts);
    }
  };
}

/** Every parsed string, as it decodes and (unless it stands literally in the raw text) as it is. */
function parsedUnits(content: ContentRead, entriesByFile: ReadonlyMap<string, ParsedString[]>): Unit[] {
  const units: Unit[] = [];
  const rawTexts = new Map(content.texts.map(({ file, text }) => [file, text]));
  for (const record of content.records) {
    const raw = rawTexts.get(record.file);
    const starts = raw === undefined ? undefined : lineStartsOf(raw);
    for (const entry of entriesByFile.get(record.file) ?? []) {
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
  return units;
}

function nameUnits(content: ContentRead): Unit[] {
  return content.names.flatMap(({ file, name }): Unit[] => [
    { type: 'name', file, text: name },
    ...decodedForms(name).map((form): Unit => ({ type: 'name', file, text: form })),
  ]);
}

/** Markdown prose (PRDs, own-body decisions) as it renders: character references and backslash escapes decoded. */
function renderedUnits(content: ContentRead): Unit[] {
  const units: Unit[] = [];
  for (const record of content.records) {
    if (record.body === undefined) continue;
    for (const { text, line } of renderedTexts(record.body, record.bodyLine))
      units.push({ type: 'rendered', file: record.file, text, line, document: record.kind === 'prd' ? 'PRD' : 'decision' });
  }
  return units;
}

/** Each raw line (a field, a PRD's or a decision body's markdown, a comment) as it decodes. */
function encodedUnits(content: ContentRead): Unit[] {
  return content.texts.flatMap(({ file, text }): Unit[] => {
    const encoded = encodedLines(text);
    return encoded ? [{ type: 'encoded', file, ...encoded }] : [];
  });
}

/** What the scan found, located; raw findings indexed to recognise a decoded value found again. */
interface Findings {
  located: Located[];
  rawByField: Map<string, Located[]>;
  rawByLine: Map<string, Located[]>;
  /** Per file, the findings beyond those located or listed. */
  unlocated: Map<string, number>;
  /** Every value found, for masking. */
  values: Set<string>;
}

const fileKey = (file: string, part: string | number | undefined) => `${file}\u0000${part ?? ''}`;

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function locateFindings(
  units: readonly Unit[],
  results: readonly SecretFinding[][],
  entriesByFile: ReadonlyMap<string, ParsedString[]>,
): Findings {
  const found: Findings = { located: [], rawByField: new Map(), rawByLine: new Map(), unlocated: new Map(), values: new Set() };
  const locatedPerFile = new Map<string, number>();
  const owners = new Map<string, OwnerIndex>();
  units.forEach((unit, index) => {
    const findings = results[index] ?? [];
    if (findings.length === 0) return;
    const starts = unit.type === 'raw' ? lineStartsOf(unit.text) : [];
    for (const { finding, values } of mergeFindings(findings)) {
      for (const value of values) found.values.add(value);
      const count = locatedPerFile.get(unit.file) ?? 0;
      if (count >= MAX_LOCATED_PER_FILE) {
        found.unlocated.set(unit.file, (found.unlocated.get(unit.file) ?? 0) + 1);
        continue;
      }
      if (unit.type === 'raw') {
        let ownerIndex = owners.get(unit.file);
        if (!ownerIndex) owners.set(unit.file, (ownerIndex = new OwnerIndex(entriesByFile.get(unit.file) ?? [])));
        const item = locateRaw(unit.file, positionAt(starts, finding.start), finding, values, ownerIndex);
        found.located.push(item);
        push(found.rawByLine, fileKey(unit.file, item.line), item);
        push(found.rawByField, fileKey(unit.file, item.field), item);
      } else {
        const item = locateDecoded(unit, finding, values);
        if (!item) continue; // the key alone: its own entry reports it
        found.located.push(item);
      }
      locatedPerFile.set(unit.file, count + 1);
    }
  });
  return found;
}

function locateRaw(file: string, at: SourcePosition, finding: SecretFinding, values: string[], owners: OwnerIndex): Located {
  const owner = owners.ownerOf(finding.value, at);
  return { file, ...at, field: owner?.field, kind: finding.kind, where: owner ? (owner.isKey ? 'key' : 'value') : 'file', values };
}

function locateDecoded(unit: Exclude<Unit, { type: 'raw' }>, finding: SecretFinding, values: string[]): Located | undefined {
  const base = { file: unit.file, kind: finding.kind, values };
  if (unit.type === 'encoded') return { ...base, line: unit.lines[lastStartAtOrBefore(unit.starts, finding.start)]!, where: 'encoded' };
  if (unit.type === 'name') return { ...base, where: 'name' };
  if (unit.type === 'rendered') {
    let line = unit.line;
    for (let index = unit.text.indexOf('\n'); index !== -1 && index < finding.start; index = unit.text.indexOf('\n', index + 1)) line += 1;
    return { ...base, line, where: 'rendered', document: unit.document };
  }
  if (finding.end <= unit.prefix) return undefined;
  const { entry } = unit;
  const where = unit.encoded ? 'encoded' : entry.isKey ? 'decoded-key' : 'decoded-value';
  return { ...base, ...entry.position, field: entry.field || undefined, where };
}

// The same secret found in the raw text and again in the parsed value of the same field is one
// finding, reported where the raw text has it.
function reportFindings(found: Findings): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const listed = new Map<string, number>();
  const decodedByLine = new Map<string, string[][]>();
  for (const item of found.located) {
    if (foundAgain(item, found, decodedByLine)) continue;
    const key = [item.file, item.line ?? '', item.column ?? '', item.field ?? '', normalize(item.values[0] ?? '')].join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    const count = listed.get(item.file) ?? 0;
    listed.set(item.file, count + 1);
    if (count >= MAX_SECRETS_LISTED_PER_FILE) {
      found.unlocated.set(item.file, (found.unlocated.get(item.file) ?? 0) + 1);
      continue;
    }
    issues.push(reportFound(item));
  }
  for (const [file, more] of found.unlocated) {
    issues.push(dp600.report('more', { file }, { count: more.toLocaleString('en-US'), listed: MAX_SECRETS_LISTED_PER_FILE }));
  }
  return issues;
}

/** A decoded or rendered finding that the raw text, or another decoded form, already reports. */
function foundAgain(item: Located, found: Findings, decodedByLine: Map<string, string[][]>): boolean {
  const onLine = found.rawByLine.get(fileKey(item.file, item.line)) ?? [];
  if (item.where === 'decoded-value' || item.where === 'decoded-key') {
    const raw = found.rawByField.get(fileKey(item.file, item.field)) ?? [];
    if (raw.some((other) => overlaps(other.values, item.values))) return true;
  }
  // Found again in the rendered text of a line whose raw text already shows it.
  if (item.where === 'rendered' && onLine.some((other) => overlaps(other.values, item.values))) return true;
  // Found again as it decodes, in the field or on the line whose raw text already shows it ("+" read as a space).
  if (item.where === 'encoded') {
    const byField = item.field === undefined ? [] : (found.rawByField.get(fileKey(item.file, item.field)) ?? []);
    if ([...byField, ...onLine].some((other) => overlaps(other.values, item.values, plusAsSpace))) return true;
  }
  // One decoded secret is one finding, whether its field, its rendered text or its line decoded it.
  if (item.where === 'encoded' || item.where === 'rendered') {
    const lineKey = fileKey(item.file, item.line);
    const before = decodedByLine.get(lineKey) ?? [];
    if (before.some((other) => overlaps(other, item.values))) return true;
    decodedByLine.set(lineKey, [...before, item.values]);
  }
  return false;
}

/** The DP600 issue for one secret found, by where it was found (the message keys are those places). */
function reportFound(item: Located): Issue {
  const at = { file: item.file, line: item.line, column: item.column, field: item.field };
  const kind = capitalize(item.kind);
  if (item.where === 'rendered') return dp600.report('rendered', at, { kind, document: item.document ?? 'PRD' });
  if (item.where === 'encoded') return dp600.report(item.field === undefined ? 'encodedLine' : 'encodedValue', at, { kind });
  return dp600.report(item.where, at, { kind });
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
      value.forEach((item, index) => {
        walk(item, joinPath(field, index), undefined, depth + 1);
      });
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
    this.sorted = entries
      .map((entry) => ({ entry, normalized: undefined as string | undefined }))
      .sort((a, b) => comparePositions(a.entry.position, b.entry.position));
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
    for (let index = low - 1; index >= Math.max(0, low - OWNER_WINDOW); index -= 1)
      if (this.holds(index, needle)) return this.sorted[index]!.entry;
    for (let index = low; index < Math.min(this.sorted.length, low + OWNER_WINDOW); index += 1)
      if (this.holds(index, needle)) return this.sorted[index]!.entry;
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
  return dp602.report('content', { file }, { error: name });
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
