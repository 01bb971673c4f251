// Fast gate tests: an in-memory record set and a RuleTester-style assertion over every gate.
// `records()` runs the real reader (over an in-memory FileSource) and the real schema pass; it
// leaves out what validate() adds around them (the secret scan on its worker, git verification),
// so a case takes milliseconds. `expectIssues()` then runs every gate and asserts the exact list.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { expect } from 'vitest';
import { sortIssues, type Issue } from '../../src/core/issue.ts';
import type { EvidenceVerification, GateContext, RecordSet } from '../../src/core/record-set.ts';
import { gates } from '../../src/gates/index.ts';
import { readContent } from '../../src/reader/read-content.ts';
import { checkRecords } from '../../src/validate/check-records.ts';
import { fixturesDir, shippedKind, shippedKindsDir } from './fixtures.ts';
import { memorySource } from './memory-source.ts';

/** A file's text as written, or a value written out as YAML (one key per line, in order). */
type FileContent = string | Record<string, unknown>;
/** Files of one folder by id (`alpha` → alpha.yaml, or a name with its extension); null removes one. */
type FolderInput = Record<string, FileContent | null>;

export interface RecordsInput {
  kinds?: FolderInput;
  /** PRDs: the whole markdown text, or a frontmatter value (written with a one-line body). */
  prds?: FolderInput;
  decisions?: FolderInput;
  evidence?: FolderInput;
  workItems?: FolderInput;
  repositories?: FileContent | null;
}

export interface BuiltRecords {
  records: RecordSet;
  /** The reader's and the schemas' issues (the gates' come from expectIssues). */
  issues: Issue[];
}

/** Where the in-memory content pretends to live: file paths read `content/decisions/alpha.yaml`. */
const virtualRoot = path.resolve('/decision-packet-memory');
const contentDir = path.join(virtualRoot, 'content');

const folders = { kinds: 'kinds', prds: 'prds', decisions: 'decisions', evidence: 'evidence', workItems: 'work-items' } as const;

/** Reads and schema-checks the given content, later inputs replacing or removing earlier files. */
export function records(...inputs: RecordsInput[]): BuiltRecords {
  const content = readContent(contentDir, { cwd: virtualRoot, source: memorySource(filesOf(inputs), contentDir) });
  const checked = checkRecords(content);
  return { records: checked.records, issues: [...content.issues, ...checked.issues] };
}

/** The content as files: `decisions/alpha.yaml` → text. */
function filesOf(inputs: readonly RecordsInput[]): Map<string, string> {
  const files = new Map<string, string>();
  const put = (file: string, value: FileContent | null, markdown = false) => {
    if (value === null) files.delete(file);
    else files.set(file, typeof value === 'string' ? value : markdown ? frontmatterText(value) : yamlText(value));
  };
  for (const input of inputs) {
    for (const [key, folder] of Object.entries(folders) as [keyof typeof folders, string][]) {
      for (const [name, value] of Object.entries(input[key] ?? {})) {
        const fileName = path.extname(name) ? name : `${name}${key === 'prds' ? '.md' : '.yaml'}`;
        // A replacement with another extension (alpha.json for alpha.yaml) replaces the record.
        const id = fileName.slice(0, -path.extname(fileName).length);
        for (const existing of files.keys())
          if (existing.startsWith(`${folder}/${id}.`) && existing !== `${folder}/${fileName}`) files.delete(existing);
        put(`${folder}/${fileName}`, value, fileName.endsWith('.md') && typeof value !== 'string');
      }
    }
    if (input.repositories !== undefined) put('repositories.yaml', input.repositories);
  }
  return files;
}

const yamlText = (value: Record<string, unknown>) => stringify(value, { lineWidth: 0 });
const frontmatterText = (value: Record<string, unknown>) =>
  `---\n${yamlText(value)}---\n\n# ${typeof value.title === 'string' ? value.title : 'Untitled'}\n`;

/** A disk folder in the content layout (a fixture, or the shipped kinds) as records() input. */
function folderInput(dir: string): RecordsInput {
  const input: RecordsInput = {};
  for (const name of readdirSync(dir)) {
    const absolute = path.join(dir, name);
    if (name === 'repositories.yaml') input.repositories = readFileSync(absolute, 'utf8');
    if (!statSync(absolute).isDirectory()) continue;
    const key = (Object.keys(folders) as (keyof typeof folders)[]).find((k) => folders[k] === name);
    if (!key) throw new Error(`${absolute} is not a content folder`);
    input[key] = filesIn(absolute);
  }
  return input;
}

/** A fixture folder of test/fixtures/ as records() input (lay it over seedBase). */
export const fixtureInput = (name: string): RecordsInput => folderInput(path.join(fixturesDir, name));

/** The seed's valid base (test/fixtures/base) with the shipped kinds: what validateFixture starts from. */
/** The seed's base content and the shipped kinds, without their approval policies (as copyShippedKinds). */
export const seedBase: RecordsInput = {
  ...folderInput(path.join(fixturesDir, 'base')),
  kinds: Object.fromEntries(readdirSync(shippedKindsDir).map((name) => [name, shippedKind(name)])),
};

function filesIn(dir: string): FolderInput {
  return Object.fromEntries(readdirSync(dir).map((file) => [file, readFileSync(path.join(dir, file), 'utf8')]));
}

/** One issue a test expects: its rule, file, line and field; optionally a part of its message. */
export interface ExpectedIssue {
  rule: string;
  file: string;
  line?: number;
  field?: string;
  message?: string | RegExp;
}

export interface GateOptions {
  /** The build date; default 2026-11-24. */
  today?: string;
  verification?: ReadonlyMap<string, EvidenceVerification>;
  requireVerifiedEvidence?: boolean;
}

/** Every gate over the records, with a fixed date and no verification unless given. */
function runGates(records: RecordSet, options: GateOptions = {}): Issue[] {
  const context: GateContext = {
    today: options.today ?? '2026-11-24',
    verification: options.verification ?? new Map(),
    requireVerifiedEvidence: options.requireVerifiedEvidence ?? false,
  };
  return gates.flatMap((gate) => gate(records, context));
}

/**
 * Asserts that the reader, the schemas and every gate report exactly `expected` (in any order):
 * a missing or an extra issue fails with a list of both. Returns every issue, sorted.
 */
export function expectIssues(subject: BuiltRecords | RecordsInput, expected: readonly ExpectedIssue[], options: GateOptions = {}): Issue[] {
  const built = 'records' in subject && 'issues' in subject ? subject : records(subject);
  const issues = sortIssues([...built.issues, ...runGates(built.records, options)]);
  const unmatched = [...issues];
  const missing = expected.filter((want) => {
    const index = unmatched.findIndex((issue) => matches(issue, want));
    if (index === -1) return true;
    unmatched.splice(index, 1);
    return false;
  });
  if (missing.length > 0 || unmatched.length > 0) {
    const lines = [
      'Issues differ (- expected, not reported; + reported, not expected):',
      ...missing.map(
        (want) => `- ${label(want.rule, want.file, want.line, want.field)}${want.message ? ` ~ ${String(want.message)}` : ''}`,
      ),
      ...unmatched.map((issue) => `+ ${label(issue.ruleId, issue.file, issue.line, issue.field)}: ${issue.message}`),
    ];
    expect.fail(lines.join('\n'));
  }
  return issues;
}

function matches(issue: Issue, want: ExpectedIssue): boolean {
  if (issue.ruleId !== want.rule || issue.file !== want.file || issue.line !== want.line || issue.field !== want.field) return false;
  if (want.message === undefined) return true;
  return typeof want.message === 'string' ? issue.message.includes(want.message) : want.message.test(issue.message);
}

const label = (rule: string, file: string, line?: number, field?: string) =>
  `${rule} ${file}${line === undefined ? '' : `:${line}`}${field ? ` ${field}` : ''}`;
