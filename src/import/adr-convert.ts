// Turns parsed ADRs into decision records of the ADR kind (decisions/<id>.md: frontmatter and the
// original body). The status maps to a state only when it names one of the kind's states (case and
// spaces aside); anything else is reported at its line and written as found, never guessed.
// "Superseded by <link>" becomes the state's decision_ref field on the superseded ADR only: the
// engine shows the link back on the other page. Relative links between the imported ADRs become
// links to their packet pages.
import path from 'node:path';
import type { Definition, Link, Nodes } from 'mdast';
import { stringify } from 'yaml';
import { remarkTree } from '../markdown/parse.ts';
import { idPattern, isCalendarDate } from '../schemas/shared.ts';
import type { ParsedAdr, Statement } from './adr-parse.ts';
import { peopleFields } from './adr-parse.ts';
import type { ImportKind, StateFields } from './adr-kind.ts';
import type { Finding } from './findings.ts';

export interface SourceAdr {
  name: string;
  parsed: ParsedAdr;
}

export interface ConvertedAdr {
  id: string;
  name: string;
  text: string;
}

const supersededBy = /^superseded\s+by\b/i;
const supersedes = /^supersedes\b/i;
/** adr-tools' other links (`adr link`): kept in the body, no field holds them. */
const otherRelation = /^(?:amended\s+by|amends|clarified\s+by|clarifies|extended\s+by|extends|related\s+to|relates\s+to)\b/i;

export const adrId = (name: string) => name.replace(/\.md$/i, '');

export function convertAdrs(sources: readonly SourceAdr[], kind: ImportKind): { records: ConvertedAdr[]; findings: Finding[] } {
  const byName = new Map(sources.map((source) => [source.name, adrId(source.name)]));
  const findings: Finding[] = [];
  const records: ConvertedAdr[] = [];
  /** Each superseded ADR's successor, as its own file says. */
  const successors = new Map<string, string>();
  const reporter =
    (source: SourceAdr) =>
    (line: number, message: string, level: Finding['level'] = 'error') =>
      findings.push({ file: source.name, line, level, message });
  for (const source of sources) {
    const report = reporter(source);
    const { record, successor } = recordOf(source, kind, byName, report);
    if (successor) successors.set(adrId(source.name), successor);
    const body = rewriteLinks(source.parsed, byName, report);
    const comment = `# Imported by decision-packet import adr from ${source.name}; the original is unchanged.\n`;
    const text = `---\n${comment}${stringify(record, { lineWidth: 0 })}---\n${body.startsWith('\n') ? '' : '\n'}${body}`;
    records.push({ id: adrId(source.name), name: source.name, text });
  }
  for (const source of sources) checkSupersedes(source, byName, successors, reporter(source));
  return { records, findings };
}

/**
 * "Supersedes X" is written nowhere: it is the inverse of X's "Superseded by". When X's own file
 * does not say so, the link is only in the body, and that is reported.
 */
function checkSupersedes(source: SourceAdr, byName: ReadonlyMap<string, string>, successors: ReadonlyMap<string, string>, report: Report) {
  for (const statement of source.parsed.statuses) {
    if (!supersedes.test(statement.text)) continue;
    const target = referencedAdr(statement, supersedes, byName);
    if (target === undefined || successors.get(target) !== adrId(source.name)) {
      report(statement.line, 'Supersedes an ADR whose own file does not say it is superseded by this one: kept in the body only.', 'note');
    }
  }
}

type Report = (line: number, message: string, level?: Finding['level']) => void;

interface RecordOf {
  record: Record<string, unknown>;
  successor?: string;
}

function recordOf(source: SourceAdr, kind: ImportKind, byName: ReadonlyMap<string, string>, report: Report): RecordOf {
  const { parsed } = source;
  const record: Record<string, unknown> = { kind: kind.id };
  if (parsed.title) record.title = parsed.title.text;
  else report(1, 'No "# title" heading: the record has no title (check requires one).');
  const { state, line, successor } = stateOf(parsed, kind, byName, report);
  if (state !== undefined) record[kind.stateField] = state;
  // A status check will refuse keeps what the file says, for whichever state it is fixed to.
  const fields = (state === undefined ? undefined : kind.states.get(state)) ?? anyState(kind);

  const offer = (name: string, value: unknown, at: number) => {
    if (fields.declared.has(name)) record[name] = value;
    else report(at, `The kind declares no ${name} in this state: not imported.`, 'note');
  };
  if (parsed.date) {
    if (isCalendarDate(parsed.date.value)) offer('date', parsed.date.value, parsed.date.line);
    else report(parsed.date.line, 'The date is not a calendar date written YYYY-MM-DD: not imported.');
  }
  for (const field of peopleFields) {
    const people = parsed.people[field];
    if (people) offer(field, people.values, people.line);
  }
  if (successor) {
    const refField = [...fields.declared].find(([, type]) => type === 'decision_ref')?.[0];
    if (refField) record[refField] = successor;
  }
  reportMissing(fields, record, line, report);
  return { record, successor };
}

/** The fields some state declares, none required: for a record whose state is still to be fixed. */
function anyState(kind: ImportKind): StateFields {
  const declared = new Map<string, string>();
  for (const fields of kind.states.values()) for (const [name, type] of fields.declared) declared.set(name, type);
  return { declared, required: new Set() };
}

/** A required field of the state that nothing in the file gave: check will ask for it. */
function reportMissing(fields: StateFields, record: Record<string, unknown>, line: number, report: Report): void {
  for (const name of fields.required) {
    if (!(name in record)) report(line, `The state requires ${name}, which the file does not give: add it to the imported record.`);
  }
}

interface StateFound {
  state?: string;
  /** The line the status was found on (or 1). */
  line: number;
  /** The superseding ADR's id, for "Superseded by". */
  successor?: string;
}

function stateOf(parsed: ParsedAdr, kind: ImportKind, byName: ReadonlyMap<string, string>, report: Report): StateFound {
  const states = [...kind.states.keys()];
  let found: StateFound | undefined;
  for (const statement of parsed.statuses) {
    if (supersedes.test(statement.text)) continue; // the inverse of the other ADR's "Superseded by"
    if (otherRelation.test(statement.text)) {
      report(statement.line, 'A link to another ADR that no field holds (amends, clarifies, …): kept in the body only.', 'note');
    } else if (found) {
      report(statement.line, 'A further status line: the first one was imported, this one is kept in the body only.', 'note');
    } else if (supersededBy.test(statement.text)) {
      found = superseded(statement, kind, byName, report);
    } else {
      found = { line: statement.line, state: named(statement.text, states) };
      if (found.state === undefined) {
        report(
          statement.line,
          `The status is none of the kind's states (${states.join(', ')}): written as found, check refuses it until it is one.`,
        );
        found.state = statement.text;
      }
    }
  }
  if (found) return found;
  report(parsed.title?.line ?? 1, `No status found: the record has none (check requires one of ${states.join(', ')}).`);
  return { line: parsed.title?.line ?? 1 };
}

/** The kind's state a status names: the same words, ignoring case, spaces, "-" and a final ".". */
function named(text: string, states: readonly string[]): string | undefined {
  const normalized = text
    .trim()
    .replace(/\.$/, '')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return states.find((state) => state === normalized);
}

function superseded(statement: Statement, kind: ImportKind, byName: ReadonlyMap<string, string>, report: Report): StateFound {
  const state = named('superseded', [...kind.states.keys()]);
  if (state === undefined) {
    report(statement.line, 'The kind has no state "superseded": the status is not imported.');
    return { line: statement.line };
  }
  const successor = referencedAdr(statement, supersededBy, byName);
  if (successor === undefined) report(statement.line, 'The superseding ADR is not one of the files imported: superseded_by is left out.');
  return { state, line: statement.line, successor };
}

/** The id of the ADR a "Superseded by" or "Supersedes" names: by its link, else by its number (MADR 4: `ADR-0123`). */
function referencedAdr(statement: Statement, prefix: RegExp, byName: ReadonlyMap<string, string>): string | undefined {
  for (const link of statement.links) {
    const target = linkedAdr(link, byName);
    if (target) return target.id;
  }
  const number = /(\d+)/.exec(statement.text.replace(prefix, ''))?.[1];
  if (number === undefined) return undefined;
  const matches = [...byName].filter(([name]) => Number(/^(\d+)/.exec(name)?.[1] ?? NaN) === Number(number));
  return matches.length === 1 ? matches[0]![1] : undefined;
}

/** The imported ADR a relative link points at, and the fragment it keeps. */
function linkedAdr(url: string, byName: ReadonlyMap<string, string>): { id: string; fragment: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/') || url.startsWith('#')) return undefined;
  const hash = url.indexOf('#');
  const target = hash === -1 ? url : url.slice(0, hash);
  let decoded: string;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    return undefined;
  }
  const name = path.posix.normalize(decoded.replace(/^\.\//, ''));
  const id = byName.get(name);
  return id === undefined ? undefined : { id, fragment: hash === -1 ? '' : url.slice(hash) };
}

const isRelative = (url: string) => url !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('/') && !url.startsWith('#');

/**
 * The body with each relative link to an imported ADR pointing at its packet page (a sibling of
 * this packet's page: `../<id>/`). Replaced in the source text by position, so the rest of the
 * body stays byte for byte as written.
 */
function rewriteLinks(parsed: ParsedAdr, byName: ReadonlyMap<string, string>, report: Report): string {
  const { body } = parsed;
  const edits: { start: number; end: number; url: string }[] = [];
  walk(remarkTree(body), (node) => {
    if ((node.type !== 'link' && node.type !== 'definition') || !isRelative(node.url)) return;
    const line = parsed.bodyLine + (node.position?.start.line ?? 1) - 1;
    const target = linkedAdr(node.url, byName);
    if (!target) {
      report(line, 'A relative link to a file that is not an imported ADR: left as it is (it will not resolve on the site).', 'note');
      return;
    }
    const start = destinationStart(node, body);
    if (start === undefined) report(line, 'A link to an imported ADR written in a form not rewritten: left as it is.', 'note');
    else edits.push({ start, end: start + node.url.length, url: `../${target.id}/${target.fragment}` });
  });
  let text = body;
  for (const edit of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.url + text.slice(edit.end);
  return text;
}

/** Where the link's destination is written, when it is written literally (no escapes or entities). */
function destinationStart(node: Link | Definition, body: string): number | undefined {
  const end = node.position?.end.offset;
  const children = node.type === 'link' ? node.children : [];
  const from = children.at(-1)?.position?.end.offset ?? node.position?.start.offset;
  if (from === undefined || end === undefined) return undefined;
  const index = body.indexOf(node.url, body.indexOf(node.type === 'link' ? '](' : ']:', from));
  return index !== -1 && index + node.url.length <= end ? index : undefined;
}

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child, visit);
}

export const validAdrId = (name: string) => idPattern.test(adrId(name));
