// Strict YAML: YAML 1.2 core schema (dates stay strings), no duplicate keys, no anchors, aliases,
// merge keys, tags, directives or extra documents. Messages are built from positions and error
// codes only: the parser's own text quotes the source, which may hold a secret.
import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar, isAlias, isPair, type Node, type Document } from 'yaml';
import type { SourcePosition } from '../core/issue.ts';
import { PositionIndex, joinPath } from './positions.ts';
import { parseSimpleYaml } from './simple-yaml.ts';

export interface YamlProblem {
  rule: 'DP104' | 'DP105' | 'DP106';
  message: string;
  position: SourcePosition;
  field?: string;
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

const syntaxMessages: Record<string, string> = {
  BAD_INDENT: 'Indentation is not consistent here.',
  MISSING_CHAR: 'A closing character is missing here.',
  BLOCK_AS_IMPLICIT_KEY: 'A block value cannot be used as a key.',
  MULTILINE_IMPLICIT_KEY: 'A key cannot span lines.',
  KEY_OVER_1024_CHARS: 'A key is longer than 1024 characters.',
  UNEXPECTED_TOKEN: 'Unexpected character here.',
  BAD_SCALAR_START: 'A plain value cannot start with this character; quote the value.',
  TAB_AS_INDENT: 'A tab is used for indentation; YAML indents with spaces.',
  BAD_DQ_ESCAPE: 'A double-quoted value has an invalid escape sequence.',
  IMPOSSIBLE: 'This cannot be parsed.',
};

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
    problems.push({
      rule: 'DP106',
      message: `The file holds ${documents.length} YAML documents; exactly one is allowed.`,
      position: at(second.range?.[0] ?? 0),
    });
  }
  const document = documents[0]!;
  for (const error of [...document.errors, ...document.warnings]) {
    const rule = error.code === 'BAD_ALIAS' ? 'DP106' : 'DP104';
    const message = (syntaxMessages[error.code] ?? `The YAML does not parse here (${error.code}).`) + colonHint(text, error.pos[0]);
    problems.push({ rule, message, position: at(error.pos[0]) });
  }
  const directives = document.directives;
  const tagHandles = Object.entries(directives?.tags ?? {});
  if (directives?.yaml.explicit || tagHandles.some(([h, p]) => h !== '!!' || p !== 'tag:yaml.org,2002:')) {
    problems.push({ rule: 'DP106', message: 'A %YAML or %TAG directive is not allowed.', position: at(0) });
  }
  problems.push(...duplicateKeyProblems(document.contents as Node | null, '', at));
  if (problems.length > 0) return { value: undefined, positions, problems };

  const value = toValue(document.contents as Node | null, '', positions, problems, at);
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
function duplicateKeyProblems(node: Node | null, path: string, at: (offset: number) => SourcePosition, out: YamlProblem[] = []): YamlProblem[] {
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
      const name = typeof keyValue === 'string' && nameableKey.test(keyValue) ? `The key "${keyValue}"` : 'A key';
      const field = typeof keyValue === 'string' ? joinPath(path, keyValue) : path;
      const message = `${name} appears twice in the same mapping: first on line ${at(first).line}, again here.`;
      out.push({ rule: 'DP105', message, position: at(keyOffset), field: field || undefined });
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
  return line.length <= 4096 && plainValueWithColon.test(line) ? ' The value holds ": ", which YAML reads as a nested key: put the value in quotes (key: "a: b").' : '';
}

function toValue(
  node: Node | null,
  path: string,
  positions: PositionIndex,
  problems: YamlProblem[],
  at: (offset: number) => SourcePosition,
): unknown {
  if (node === null || node === undefined) return null;
  const start = node.range?.[0] ?? 0;
  positions.setValue(path, at(start));
  if (isAlias(node)) {
    problems.push({ rule: 'DP106', message: 'An alias (*name) is not allowed.', position: at(start), field: path || undefined });
    return undefined;
  }
  if (node.anchor) {
    problems.push({ rule: 'DP106', message: 'An anchor (&name) is not allowed.', position: at(start), field: path || undefined });
  }
  if (node.tag) {
    problems.push({ rule: 'DP106', message: 'An explicit tag (!tag) is not allowed.', position: at(start), field: path || undefined });
  }
  if (isScalar(node)) return node.value;
  if (isSeq(node)) {
    return node.items.map((item, index) => toValue(item as Node, joinPath(path, index), positions, problems, at));
  }
  if (isMap(node)) {
    const result: Record<string, unknown> = Object.create(null);
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const keyStart = keyNode?.range?.[0] ?? start;
      if (!isScalar(keyNode) || typeof keyNode.value !== 'string' || keyNode.tag || keyNode.anchor) {
        problems.push({ rule: 'DP104', message: 'A mapping key must be a plain string.', position: at(keyStart), field: path || undefined });
        continue;
      }
      const key = keyNode.value;
      const childPath = joinPath(path, key);
      positions.setKey(childPath, at(keyStart));
      if (key === '<<') {
        problems.push({ rule: 'DP106', message: 'A merge key (<<) is not allowed.', position: at(keyStart), field: childPath });
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
    const match = /position (\d+)/.exec(String((error as Error).message));
    problems.push({ rule: 'DP104', message: 'The file is not valid JSON.', position: at(match ? Number(match[1]) : 0) });
  }
}
