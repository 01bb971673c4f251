// Reads one ADR in any of the shapes in use into neutral facts with their lines: adr-tools (Nygard:
// `# 1. Title`, `Date: …`, a `## Status` section with `Superseded by [..](..)` lines), MADR 2 and
// log4brains (a `* Status: …` / `* Deciders: …` / `* Date: …` list under the title), MADR 3 and 4
// (YAML frontmatter: status, date, deciders or decision-makers, consulted, informed). Markdown is
// parsed by remark, YAML by `yaml` (positions only; its messages quote the source, so none is shown).
import type { Heading, List, Nodes, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { splitFrontmatter } from '../reader/frontmatter.ts';
import { checkFlowNesting } from '../reader/input-limits.ts';
import { remarkTree } from '../markdown/parse.ts';
import type { Finding } from './findings.ts';

/** One line of status: its plain text, the link targets it names, its file line. */
export interface Statement {
  text: string;
  links: string[];
  line: number;
}

export const peopleFields = ['deciders', 'consulted', 'informed'] as const;
type PeopleField = (typeof peopleFields)[number];

interface People {
  values: string[];
  line: number;
  /** Written as one comma-separated text, split here. */
  split: boolean;
}

export interface ParsedAdr {
  title?: { text: string; line: number };
  statuses: Statement[];
  date?: { value: string; line: number };
  people: Partial<Record<PeopleField, People>>;
  /** The markdown after any frontmatter, as written, and the file line it starts on. */
  body: string;
  bodyLine: number;
  findings: Finding[];
  /** The file cannot be read as an ADR at all (an unclosed frontmatter): nothing is written for it. */
  unreadable?: true;
}

/** MADR 4 writes `decision-makers`; MADR 2, 3 and log4brains `deciders`. */
const metadataKeys: Record<string, PeopleField | 'status' | 'date'> = {
  status: 'status',
  date: 'date',
  deciders: 'deciders',
  'decision-makers': 'deciders',
  consulted: 'consulted',
  informed: 'informed',
};

export function parseAdr(name: string, text: string): ParsedAdr {
  const split = splitFrontmatter(text);
  const adr: ParsedAdr = { statuses: [], people: {}, body: split.body, bodyLine: split.bodyLine, findings: [] };
  const note = (line: number, message: string, level: Finding['level'] = 'note') => adr.findings.push({ file: name, line, level, message });
  if (split.unclosed) {
    note(1, 'The frontmatter has no closing "---": not imported.', 'error');
    return { ...adr, unreadable: true };
  }
  const nested = split.frontmatter === undefined ? undefined : checkFlowNesting(split.frontmatter, false);
  if (nested) {
    note(nested.line + 1, `${nested.message} Not imported.`, 'error');
    return { ...adr, unreadable: true };
  }
  if (split.frontmatter !== undefined) readFrontmatter(split.frontmatter, adr, note);
  readBody(adr, note);
  return adr;
}

type Note = (line: number, message: string, level?: Finding['level']) => void;

function readFrontmatter(text: string, adr: ParsedAdr, note: Note): void {
  const counter = new LineCounter();
  // Aliases are never expanded (the nodes are read, not converted): no alias bomb.
  const document = parseDocument(text, { lineCounter: counter, schema: 'core', version: '1.2', uniqueKeys: true, prettyErrors: false });
  const lineOf = (node: YamlNode | null | undefined) => (node?.range ? counter.linePos(node.range[0]).line + 1 : 1);
  if (document.errors.length > 0) {
    note(1 + (document.errors[0]!.linePos?.[0].line ?? 1), 'The frontmatter is not valid YAML: not mapped.', 'error');
    return;
  }
  if (!isMap(document.contents)) return;
  for (const pair of document.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const line = lineOf(isScalar(pair.key) ? pair.key : null);
    const target = Object.hasOwn(metadataKeys, key.toLowerCase()) ? metadataKeys[key.toLowerCase()] : undefined;
    const value = pair.value as YamlNode | null;
    if (target === undefined) note(line, 'A frontmatter key the ADR kind does not declare: not imported (the original keeps it).');
    else if (target === 'status' || target === 'date') {
      if (isScalar(value) && typeof value.value === 'string') setMetadata(adr, target, value.value, line, note);
      else note(line, `The ${target} is not a text: not mapped.`, 'error');
    } else readPeople(adr, target, value, line, note);
  }
}

function readPeople(adr: ParsedAdr, field: PeopleField, value: YamlNode | null, line: number, note: Note): void {
  if (isScalar(value) && typeof value.value === 'string') {
    setMetadata(adr, field, value.value, line, note);
    return;
  }
  if (isSeq(value) && value.items.every((item) => isScalar(item) && typeof item.value === 'string')) {
    const values = value.items.map((item) => (item as { value: string }).value.trim()).filter(Boolean);
    if (values.length > 0) adr.people[field] = { values, line, split: false };
    return;
  }
  note(line, `${field} is neither a text nor a list of texts: not mapped.`);
}

function setMetadata(adr: ParsedAdr, key: PeopleField | 'status' | 'date', value: string, line: number, note: Note): void {
  if (key === 'status') adr.statuses.push(statement(value, line));
  else if (key === 'date') adr.date = { value: value.trim(), line };
  else {
    const values = value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    if (values.length === 0) return;
    adr.people[key] = { values, line, split: values.length > 1 };
    if (values.length > 1) note(line, `${key} was one comma-separated text: imported as a list of ${values.length}.`);
  }
}

/** A line of markdown as plain text and the link targets it names. */
function statement(markdown: string, line: number): Statement {
  const tree = remarkTree(markdown.trim());
  const links: string[] = [];
  walk(tree, (node) => {
    if (node.type === 'link') links.push(node.url);
  });
  return { text: toString(tree).trim(), links, line };
}

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child, visit);
}

function readBody(adr: ParsedAdr, note: Note): void {
  const tree: Root = remarkTree(adr.body);
  const lineOf = (node: RootContent) => adr.bodyLine + (node.position?.start.line ?? 1) - 1;
  let inPreamble = true;
  let inStatus = false;
  for (const node of tree.children) {
    if (node.type === 'heading') {
      if (node.depth === 1 && adr.title === undefined) adr.title = { text: toString(node).replace(/\s+/g, ' ').trim(), line: lineOf(node) };
      if (node.depth <= 2) inStatus = node.depth === 2 && isStatusHeading(node);
      if (node.depth === 2) inPreamble = false;
      continue;
    }
    if (inStatus && node.type === 'paragraph') {
      for (const [index, source] of sourceLines(adr.body, node).entries()) {
        if (source.trim()) adr.statuses.push(statement(source, lineOf(node) + index));
      }
    } else if (inPreamble && node.type === 'paragraph') readDateLine(adr, node, lineOf(node));
    else if (inPreamble && node.type === 'list') readMetadataList(adr, node, lineOf(node), note);
  }
}

const isStatusHeading = (heading: Heading) => /^status$/i.test(toString(heading).trim());

function sourceLines(body: string, node: Nodes): string[] {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  return body.slice(start, end).split('\n');
}

/** adr-tools writes `Date: 2024-01-15` under the title. */
function readDateLine(adr: ParsedAdr, paragraph: Paragraph, line: number): void {
  const match = /^date:\s*(.*)$/i.exec(toString(paragraph).trim());
  if (match && adr.date === undefined) adr.date = { value: match[1]!.trim(), line };
}

/** MADR 2 and log4brains: `* Status: …`, `* Deciders: …`, `* Date: …` items under the title. */
function readMetadataList(adr: ParsedAdr, list: List, listLine: number, note: Note): void {
  for (const item of list.children) {
    const line = listLine + (item.position?.start.line ?? 1) - (list.position?.start.line ?? 1);
    const [first] = item.children;
    if (first?.type !== 'paragraph') continue;
    const source = sourceLines(adr.body, first).join(' ');
    const match = /^\s*([A-Za-z][A-Za-z -]*?)\s*:\s*(.*)$/.exec(source);
    if (!match) continue;
    const key = match[1]!.toLowerCase();
    const target = Object.hasOwn(metadataKeys, key) ? metadataKeys[key] : undefined;
    // Metadata comments (`<!-- optional -->`) are template text, not a value.
    const value = match[2]!.replace(/<!--.*?-->/g, '').trim();
    if (target !== undefined && (adr.statuses.length === 0 || target !== 'status')) setMetadata(adr, target, value, line, note);
    else note(line, 'A metadata item the ADR kind does not declare: kept in the body only.');
  }
}
