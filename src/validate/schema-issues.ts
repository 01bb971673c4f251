// Runs a record's schema and turns zod issues into our issues: rule id, field path, position and
// a message built from the issue code and our own wording. Zod's received values are never used.
import type { z } from 'astro/zod';
import type { Issue } from '../core/issue.ts';
import type { SchemaRule } from '../rules/schema-message.ts';
import type { PositionIndex } from '../reader/positions.ts';
import { formatPath } from '../reader/positions.ts';
import { suggestion } from '../core/suggest.ts';

export interface SchemaTarget {
  file: string;
  positions: PositionIndex;
}

/** Picks the rule for one zod issue; `defaultRule` when nothing more specific applies. */
export type RuleChooser = (issue: z.core.$ZodIssue, field: string) => SchemaRule | undefined;

/** Words a message differently for one zod issue (given the rule chosen); undefined keeps ours. */
export type MessageChooser = (issue: z.core.$ZodIssue, field: string, rule: SchemaRule) => string | undefined;

export function runSchema<T>(
  schema: z.ZodType<T>,
  data: unknown,
  target: SchemaTarget,
  defaultRule: SchemaRule,
  choose: RuleChooser = () => undefined,
  word: MessageChooser = () => undefined,
  /** Where a missing top-level field is reported: the field that requires it (a decision's state field). */
  requiredBy?: string,
): { ok: true; value: T } | { ok: false; issues: Issue[] } {
  const result = schema.safeParse(data);
  // zod drops a "__proto__" key of a record mapping without a word: refused here, never dropped.
  const issues: Issue[] = protoKeys(data, []).map((segments) => {
    const field = formatPath(segments);
    const position = target.positions.key(field);
    const rule =
      choose({ code: 'unrecognized_keys', keys: ['__proto__'], path: segments.slice(0, -1), input: undefined, message: '' }, field) ??
      defaultRule;
    const at = { file: target.file, line: position.line, column: position.column, field };
    return rule.report('schema', at, { problem: `${field} is not a valid name: __proto__ is reserved.` });
  });
  if (result.success && issues.length === 0) return { ok: true, value: result.data };
  if (result.success) return { ok: false, issues };
  // Required fields that are missing, by their parent's path: an unknown key beside them is
  // likely one of them mistyped.
  const missing = new Map<string, string[]>();
  for (const zodIssue of result.error.issues) {
    if (
      !['invalid_type', 'invalid_value'].includes(zodIssue.code) ||
      zodIssue.path.length === 0 ||
      valueAt(data, zodIssue.path) !== undefined
    )
      continue;
    const parent = formatPath(zodIssue.path.slice(0, -1));
    missing.set(parent, [...(missing.get(parent) ?? []), String(zodIssue.path[zodIssue.path.length - 1])]);
  }
  for (const zodIssue of result.error.issues) {
    const keys = zodIssue.code === 'unrecognized_keys' ? zodIssue.keys : [undefined];
    for (const key of keys) {
      if (key === '__proto__') continue; // reported above, once
      const segments = key === undefined ? zodIssue.path : [...zodIssue.path, key];
      const field = formatPath(segments);
      const rule = choose(zodIssue, field) ?? defaultRule;
      const absent = key === undefined && segments.length === 1 && valueAt(data, segments) === undefined;
      const position =
        absent && requiredBy !== undefined
          ? target.positions.value(requiredBy)
          : key !== undefined || zodIssue.code === 'invalid_key'
            ? target.positions.key(field)
            : target.positions.value(field);
      const guess = key !== undefined ? suggestion(key, missing.get(formatPath(zodIssue.path)) ?? []) : '';
      const problem = word(zodIssue, field, rule) ?? describe(zodIssue, field, data) + guess;
      issues.push(rule.report('schema', { file: target.file, line: position.line, column: position.column, field }, { problem }));
    }
  }
  return { ok: false, issues };
}

/** What went wrong and what is allowed, without repeating the input. */
function describe(issue: z.core.$ZodIssue, field: string, data: unknown): string {
  // A field is named as a field (`status must be …`), never quoted like a value.
  const name = field === '' ? 'The record' : field;
  const custom = customText(issue);
  switch (issue.code) {
    case 'invalid_type': {
      if (valueAt(data, issue.path) === undefined) {
        return field === '' ? `The file must hold a mapping of fields; it is empty.` : `Field ${name} is required.`;
      }
      if (custom) return `Field ${name} must be ${custom}.`;
      return `${name} must be ${article(issue.expected)}; it is ${kindOf(valueAt(data, issue.path))}.`;
    }
    case 'invalid_value': {
      const allowed = `${issue.values.length === 1 ? '' : 'one of '}${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
      return issue.path.length > 0 && valueAt(data, issue.path) === undefined
        ? `Field ${name} is required; it must be ${allowed}.`
        : `${name} must be ${allowed}.`;
    }
    case 'unrecognized_keys':
      return `${name} is not a known field here.`;
    case 'invalid_key': {
      // The key itself is malformed: say what a key of this mapping must be (our schema's words).
      const keyText = issue.issues.map(customText).find((text) => text !== undefined);
      return `${name}: the key must be ${keyText ?? 'a name in the allowed form'}.`;
    }
    case 'invalid_format':
    case 'custom':
    case 'too_small':
    case 'too_big':
      return `${name} must be ${custom ?? describeBound(issue)}.`;
    case 'invalid_union':
      return `${name} must be ${custom ?? 'one of the allowed forms'}.`;
    default:
      return `${name} is not valid here.`;
  }
}

// Our own schema messages (the `error:` options) say what is allowed; zod's defaults may not.
function customText(issue: z.core.$ZodIssue): string | undefined {
  const message = issue.message;
  if (!message || /^(Invalid|Too |Unrecognized|Expected)/.test(message)) return undefined;
  return message;
}

function describeBound(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small')
    return issue.origin === 'array' ? `a list of at least ${issue.minimum} item(s)` : `at least ${issue.minimum} long`;
  if (issue.code === 'too_big')
    return issue.origin === 'array' ? `a list of at most ${issue.maximum} item(s)` : `at most ${issue.maximum} long`;
  return 'in the allowed form';
}

function article(expected: string): string {
  const names: Record<string, string> = {
    string: 'a text (quote it)',
    number: 'a number',
    boolean: 'true or false',
    object: 'a mapping of fields',
    array: 'a list',
    null: 'empty',
  };
  return names[expected] ?? expected;
}

function kindOf(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'a text';
  return `a ${typeof value}`;
}

/** The paths of every own "__proto__" key in a parsed file (mappings are null-prototype objects). */
function protoKeys(data: unknown, path: PropertyKey[], found: PropertyKey[][] = []): PropertyKey[][] {
  if (data === null || typeof data !== 'object') return found;
  // One path array for the whole walk, copied only at a hit: every file of every check walks here.
  const visit = (key: PropertyKey, value: unknown) => {
    path.push(key);
    if (key === '__proto__') found.push([...path]);
    else protoKeys(value, path, found);
    path.pop();
  };
  if (Array.isArray(data)) for (let index = 0; index < data.length; index += 1) visit(index, data[index] as unknown);
  else for (const key in data) if (Object.hasOwn(data, key)) visit(key, (data as Record<string, unknown>)[key]);
  return found;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const segment of path) {
    // Own entries only: a field named "constructor" is absent from a record that lacks it.
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}
