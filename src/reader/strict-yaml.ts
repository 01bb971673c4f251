// Strict YAML: YAML 1.2 core schema (dates stay strings), no duplicate keys, no anchors, aliases,
// merge keys, tags, directives or extra documents. Messages are built from positions and error
// codes only: the parser's own text quotes the source, which may hold a secret.
import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar, isAlias, isPair, type Node, type Document } from 'yaml';
import type { Issue, SourcePosition } from '../core/issue.ts';
import type { IssueLocation } from '../rules/define-rule.ts';
import { dp104 } from '../rules/dp104-syntax-error.ts';
import { dp105 } from '../rules/dp105-duplicate-key.ts';
import { dp106 } from '../rules/dp106-yaml-feature-forbidden.ts';
import { PositionIndex, joinPath } from './positions.ts';
import { parseSimpleYaml } from './simple-yaml.ts';

/** A problem of the text, reported by its rule (DP104, DP105 or DP106) once the file is known. */
interface YamlProblem {
  position: SourcePosition;
  field?: string;
  report: (at: IssueLocation) => Issue;
}

export interface ParsedYaml {
  value: unknown;
  positions: PositionIndex;
  problems: YamlProblem[];
}

export interface ParseOptions {
  /** Added to every line number: the frontmatter of a PRD starts on line 2. */
  lineOffset?: number;
  /** Parse as JSON: the text must also be valid JSON. */
  json?: boolean;
  /** Read simple block mappings on the fast path (simple-yaml.ts); default true. Tests compare both. */
  simple?: boolean;
}

export function parseStrictYaml(text: string, options: ParseOptions = {}): ParsedYaml {
  const lineOffset = options.lineOffset ?? 0;
  // Most records are simple block mappings: read those without the full parser (same result).
  if (!options.json && options.simple !== false) {
    const simple = parseSimpleYaml(text, lineOffset);
    if (simple) return { value: simple.value, positions: simple.positions, problems: [] };
  }
  const lineCounter = new LineCounter();
  const positions = new PositionIndex({ line: 1 + lineOffset, column: 1 });
  const problems: YamlProblem[] = [];
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };

  const documents = parseAllDocuments(text, {
    lineCounter,
    schema: 'core',
    version: '1.2',
    merge: false,
    uniqueKeys: false, // duplicates: duplicateKeyProblems, linear
    strict: true,
    prettyErrors: false,
    keepSourceTokens: false,
  }) as unknown as Document[];

  if (documents.length === 0) {
    return { value: null, positions, problems };
  }
  if (documents.length > 1) {
    const second = documents[1]!;
    const count = documents.length;
    problems.push({ position: at(second.range?.[0] ?? 0), report: (place) => dp106.report('documents', place, { count }) });
  }
  const document = documents[0]!;
  for (const error of [...document.errors, ...document.warnings]) {
    const hint = colonHint(text, error.pos[0]);
    const code = error.code;
    const report =
      code === 'BAD_ALIAS'
        ? (place: IssueLocation) => dp106.report('badAlias', place, { hint })
        : (place: IssueLocation) => dp104.report('yaml', place, { code, hint });
    problems.push({ position: at(error.pos[0]), report });
  }
  const directives = document.directives;
  const tagHandles = Object.entries(directives?.tags ?? {});
  if (directives?.yaml.explicit || tagHandles.some(([h, p]) => h !== '!!' || p !== 'tag:yaml.org,2002:')) {
    problems.push({ position: at(0), report: (place) => dp106.report('directive', place) });
  }
  problems.push(...duplicateKeyProblems(document.contents, '', at));
  if (problems.length > 0) return { value: undefined, positions, problems };

  const value = toValue(document.contents, '', positions, problems, at);
  if (options.json) checkJson(text, problems, at);
  return { value, positions, problems };
}

/** A key that may be named in a message: a plain field name (a key holding anything else could be a secret). */
const nameableKey = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

/**
 * DP105 for every key that appears twice in one mapping, naming it (when it is a plain field
 * name), its field and the line of its first occurrence. One walk of the tree with a set per
 * mapping: the parser's own uniqueKeys check compares each key with every earlier one, which
 * takes minutes on a mapping of tens of thousands of keys.
 */
function duplicateKeyProblems(
  node: Node | null | undefined,
  path: string,
  at: (offset: number) => SourcePosition,
  out: YamlProblem[] = [],
): YamlProblem[] {
  if (node === null || node === undefined) return out;
  if (isSeq(node)) {
    node.items.forEach((item, index) => duplicateKeyProblems(item as Node, joinPath(path, index), at, out));
    return out;
  }
  if (!isMap(node)) return out;
  const seen = new Map<unknown, number>();
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key as Node | null;
    const keyValue = isScalar(keyNode) ? keyNode.value : undefined;
    const keyOffset = keyNode?.range?.[0] ?? 0;
    const first = seen.get(keyValue);
    if (keyValue !== undefined && first !== undefined) {
      const field = typeof keyValue === 'string' ? joinPath(path, keyValue) : path;
      const line = at(first).line;
      const report =
        typeof keyValue === 'string' && nameableKey.test(keyValue)
          ? (place: IssueLocation) => dp105.report('duplicateNamed', place, { key: keyValue, line })
          : (place: IssueLocation) => dp105.report('duplicateAt', place, { line });
      out.push({ position: at(keyOffset), field: field || undefined, report });
    } else if (keyValue !== undefined) seen.set(keyValue, keyOffset);
    duplicateKeyProblems(pair.value as Node | null, typeof keyValue === 'string' ? joinPath(path, keyValue) : path, at, out);
  }
  return out;
}

// `key: a plain value: with a colon` on the line of a syntax error: YAML reads the second ": " as
// a nested key. Say how to write it.
const plainValueWithColon = /^[ \t]*(?:- )?[A-Za-z0-9_$][^:#'"]*:[ \t]+[^ \t'"[{|>&*!%@`#][^#]*?:(?:[ \t]|$)/;

function colonHint(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const end = text.indexOf('\n', offset);
  const line = text.slice(start, end === -1 ? undefined : end);
  return line.length <= 4096 && plainValueWithColon.test(line)
    ? ' The value holds ": ", which YAML reads as a nested key: put the value in quotes (key: "a: b").'
    : '';
}

function toValue(
  node: Node | null | undefined,
  path: string,
  positions: PositionIndex,
  problems: YamlProblem[],
  at: (offset: number) => SourcePosition,
): unknown {
  if (node === null || node === undefined) return null;
  const start = node.range?.[0] ?? 0;
  positions.setValue(path, at(start));
  if (isAlias(node)) {
    problems.push({ position: at(start), field: path || undefined, report: (place) => dp106.report('alias', place) });
    return undefined;
  }
  if (node.anchor) {
    problems.push({ position: at(start), field: path || undefined, report: (place) => dp106.report('anchor', place) });
  }
  if (node.tag) {
    problems.push({ position: at(start), field: path || undefined, report: (place) => dp106.report('tag', place) });
  }
  if (isScalar(node)) return node.value;
  if (isSeq(node)) {
    return node.items.map((item, index) => toValue(item as Node, joinPath(path, index), positions, problems, at));
  }
  if (isMap(node)) {
    const result = Object.create(null) as Record<string, unknown>;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const keyStart = keyNode?.range?.[0] ?? start;
      if (!isScalar(keyNode) || typeof keyNode.value !== 'string' || keyNode.tag || keyNode.anchor) {
        problems.push({ position: at(keyStart), field: path || undefined, report: (place) => dp104.report('keyNotString', place) });
        continue;
      }
      const key = keyNode.value;
      const childPath = joinPath(path, key);
      positions.setKey(childPath, at(keyStart));
      if (key === '<<') {
        problems.push({ position: at(keyStart), field: childPath, report: (place) => dp106.report('mergeKey', place) });
        continue;
      }
      result[key] = toValue(pair.value as Node | null, childPath, positions, problems, at);
      if (pair.value === null || pair.value === undefined) positions.setValue(childPath, at(keyStart));
    }
    return { ...result };
  }
  return undefined;
}

// JSON is YAML 1.2, but not the other way round: a .json file must also be plain JSON.
function checkJson(text: string, problems: YamlProblem[], at: (offset: number) => SourcePosition): void {
  try {
    JSON.parse(text);
  } catch (error) {
    // V8 quotes the input in its message; keep only the offset when it names one.
    const match = /position (\d+)/.exec(String((error as { message?: unknown }).message));
    problems.push({ position: at(match ? Number(match[1]) : 0), report: (place) => dp104.report('json', place) });
  }
}
