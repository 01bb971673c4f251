// A fast path for the YAML that records are made of: block mappings (nested by indentation) of
// one-line scalars (plain, or quoted without escapes) and one-line flow sequences of plain
// scalars, with comment lines. It returns exactly what parseStrictYaml's full parser (the `yaml`
// package) returns for such text: the same values, the same positions, no problems.
//
// Anything else — a block sequence, a multi-line or escaped scalar, a value that is not a string
// in the YAML 1.2 core schema (null, a boolean, a number), a duplicate key, an anchor, alias, tag,
// directive or document marker, a tab or a control character, an empty value — makes it return
// undefined, and the full parser reads the text and reports whatever is wrong. So the fast path
// never decides that something is valid YAML; it only skips the slow parser for text it fully
// understands. test/simple-yaml.test.ts compares both on every fixture and on generated content.
import type { SourcePosition } from '../core/issue.ts';
import { PositionIndex, joinPath } from './positions.ts';

export interface SimpleParse {
  value: Record<string, unknown>;
  positions: PositionIndex;
}

// Characters the fast path leaves to the full parser wherever they stand: tabs, control
// characters, DEL and C1 controls, Unicode line/paragraph separators, BOM and non-characters.
const unusual = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

// `key:` then the end of the line, or `key: rest`. Keys are plain words.
const keyLine = /^( *)([A-Za-z_$][A-Za-z0-9_$-]*):(?:( +)(.*))?$/;

// Words that the core schema resolves to null or a boolean (as a key or a value).
const nonStringWord = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;

// The core schema's number forms (yaml 2: int, intOct, intHex, float, floatExp, floatNaN).
const numberForms =
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

// A plain scalar may not start with an indicator (even `-`, `?` and `:` are left to the parser).
const indicatorStart = /^[-?:,[\]{}#&*!|>'"%@`]/;

// A flow-sequence item: a plain word without flow indicators, quotes or spaces.
const flowItem = /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/;

// YAML's white space is the space and the tab only (tabs never reach here: see `unusual`).
// JavaScript's trim* strip every Unicode space (U+00A0, U+2003, U+3000, …), which YAML keeps as
// part of the value: never use them here.
function isYamlSpace(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Text without leading YAML white space. */
function yamlTrimStart(text: string): string {
  let start = 0;
  while (start < text.length && isYamlSpace(text.charCodeAt(start))) start += 1;
  return start === 0 ? text : text.slice(start);
}

/** Text without trailing YAML white space. */
function yamlTrimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isYamlSpace(text.charCodeAt(end - 1))) end -= 1;
  return end === text.length ? text : text.slice(0, end);
}

function yamlTrim(text: string): string {
  return yamlTrimEnd(yamlTrimStart(text));
}

function isPlainString(text: string): boolean {
  return text !== '' && !nonStringWord.test(text) && !numberForms.test(text);
}

interface Frame {
  indent: number;
  path: string;
  object: Record<string, unknown>;
}

/** The parsed mapping, or undefined when the text is not in the simple form (use the full parser). */
export function parseSimpleYaml(text: string, lineOffset = 0): SimpleParse | undefined {
  if (unusual.test(text)) return undefined;
  const lines = text.split('\n');
  const positions = new PositionIndex({ line: 1 + lineOffset, column: 1 });
  const at = (index: number, column: number): SourcePosition => ({ line: index + 1 + lineOffset, column: column + 1 });

  // Plain objects, as the full parser's reader returns them. A key `__proto__` would set the
  // prototype of a plain object instead of a property: it is left to the full parser.
  const root: Frame = { indent: 0, path: '', object: {} };
  const stack: Frame[] = [root];
  // A key whose value is on the following lines (a nested mapping): set when `key:` ends a line.
  let open: { frame: Frame; key: string; path: string } | undefined;
  let sawKey = false;

  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const content = yamlTrimStart(line);
    if (content === '' || content.startsWith('#')) continue;
    const match = keyLine.exec(line);
    if (!match) return undefined;
    const indent = match[1]!.length;
    const key = match[2]!;
    if (nonStringWord.test(key) || key.length > 1024 || key === '__proto__') return undefined;

    let frame: Frame;
    if (open) {
      // The first line after `key:` opens a nested mapping; it must be indented further.
      if (indent <= open.frame.indent) return undefined;
      frame = { indent, path: open.path, object: {} };
      positions.setValue(open.path, at(index, indent));
      stack.push(frame);
      open.frame.object[open.key] = frame.object;
      open = undefined;
    } else {
      while (stack.length > 1 && indent < stack[stack.length - 1]!.indent) stack.pop();
      frame = stack[stack.length - 1]!;
      if (indent !== frame.indent) return undefined;
    }
    if (!sawKey) {
      if (indent !== 0) return undefined;
      positions.setValue('', at(index, 0));
      sawKey = true;
    }
    // A duplicate key is reported by the full parser. (A key opening a nested mapping is set on
    // the next line, before any sibling can follow.)
    if (Object.hasOwn(frame.object, key)) return undefined;
    const path = joinPath(frame.path, key);
    positions.setKey(path, at(index, indent));

    const rest = match[4];
    if (rest === undefined || rest === '' || rest.startsWith('#')) {
      // `key:` alone: a nested mapping must follow (an empty value is left to the full parser).
      open = { frame, key, path };
      continue;
    }
    const valueColumn = indent + key.length + 1 + match[3]!.length;
    const value = scalarOrFlow(rest, (offset) => at(index, valueColumn + offset), path, positions);
    if (value === undefined) return undefined;
    positions.setValue(path, at(index, valueColumn));
    frame.object[key] = value;
  }
  if (open || !sawKey) return undefined;
  return { value: root.object, positions };
}

/** The rest of a `key: rest` line as a value; undefined when it is not in the simple form. */
function scalarOrFlow(rest: string, at: (offset: number) => SourcePosition, path: string, positions: PositionIndex): unknown {
  const first = rest[0];
  if (first === '"' || first === "'") {
    const close = rest.indexOf(first, 1);
    if (close === -1) return undefined;
    const inner = rest.slice(1, close);
    if (first === '"' && inner.includes('\\')) return undefined;
    // A doubled '' in single quotes would be an escape: left to the full parser.
    if (first === "'" && rest[close + 1] === "'") return undefined;
    if (!isTrailer(rest.slice(close + 1))) return undefined;
    return inner;
  }
  if (first === '[') return flowSequence(rest, at, path, positions);
  if (indicatorStart.test(rest)) return undefined;
  // A plain scalar ends at " #" (a comment); it may not hold ": " or end with ":".
  const comment = rest.indexOf(' #');
  const text = yamlTrimEnd(comment === -1 ? rest : rest.slice(0, comment));
  if (text.includes(': ') || text.endsWith(':') || text.includes(' #')) return undefined;
  if (!isPlainString(text)) return undefined;
  return text;
}

/** After a quoted scalar or a flow sequence: spaces, then optionally a comment after a space. */
function isTrailer(text: string): boolean {
  const trimmed = yamlTrimStart(text);
  return trimmed === '' || (trimmed.startsWith('#') && trimmed.length < text.length);
}

function flowSequence(rest: string, at: (offset: number) => SourcePosition, path: string, positions: PositionIndex): string[] | undefined {
  const close = rest.indexOf(']');
  if (close === -1 || !isTrailer(rest.slice(close + 1))) return undefined;
  const inner = rest.slice(1, close);
  if (yamlTrim(inner) === '') return inner === '' ? [] : undefined;
  const items: string[] = [];
  let offset = 1;
  for (const part of inner.split(',')) {
    const leading = part.length - yamlTrimStart(part).length;
    const item = yamlTrim(part);
    if (!flowItem.test(item) || !isPlainString(item)) return undefined;
    positions.setValue(joinPath(path, items.length), at(offset + leading));
    items.push(item);
    offset += part.length + 1;
  }
  return items;
}
