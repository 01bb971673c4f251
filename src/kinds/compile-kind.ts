// Compiles a valid kind (src/schemas/kind.ts) into what the gate and the pages use: one strict
// zod object per state (a discriminated union over the state field), the fields each state
// requires and forbids, the evidence schemas, and template rendering over a record's own fields.
import { ownValue } from '../core/own-value.ts';
import { z } from 'astro/zod';
import type { Decision } from '../schemas/decision.ts';
import {
  bodyMode,
  normalizeSpec,
  ownBodyTitleField,
  type FieldSpec,
  type FieldSpecObject,
  type Kind,
  type KindRequirement,
} from '../schemas/kind.ts';
import { className, dateOrCondition, evidenceList, isoDate, line, lineList, recordId, text } from '../schemas/shared.ts';
import { compileTerms, type TermMatcher } from './term-match.ts';
import { pathGlobsDescription, pathGlobsSchema } from '../fields/path-globs.ts';

export interface CompiledState {
  id: string;
  /** Every field a record in this state carries: common, the state field, the state's own. */
  fields: Map<string, FieldSpecObject>;
  /** The state's own required fields (not the common ones), in declaration order. */
  own: Map<string, FieldSpecObject>;
  /** Field names this state refuses (groups expanded), with the group that named them. */
  forbidden: Map<string, string | undefined>;
  schema: z.ZodType<Decision>;
  terms?: { list: string; matches: TermMatcher };
}

export interface CompiledKind {
  id: string;
  kind: Kind;
  states: Map<string, CompiledState>;
  /** Every field name any state of the kind uses (for "did you mean"). */
  knownFields: string[];
  /** The discriminated union over the states, for JSON Schema. */
  schema: z.ZodType<Decision>;
}

/** A zod schema for one field type. `exact` values are compared after the schema (templates). */
export function fieldSchema(spec: FieldSpecObject): z.ZodType {
  const base = ((): z.ZodType => {
    switch (spec.type) {
      case 'line':
        return line;
      case 'text':
        return text;
      case 'class':
        return className;
      case 'exact':
        return isTemplate(spec.value ?? '') ? z.string({ error: 'the exact text this state requires' }) : z.literal(spec.value ?? '');
      case 'one_of':
        return z.enum((spec.values ?? []) as [string, ...string[]]);
      case 'empty_or_line':
        return z.union([z.literal(''), line], { error: 'an empty string, or the exact admitted value' });
      case 'date':
        return isoDate;
      case 'date_or_condition':
        return dateOrCondition;
      case 'evidence_list':
        return evidenceList;
      case 'line_list':
        return lineList;
      case 'id':
      case 'work_item_ref':
      case 'prd_ref':
      case 'decision_ref':
        return recordId;
      case 'mapping':
        return z.strictObject(
          Object.fromEntries(Object.entries(spec.fields ?? {}).map(([name, child]) => [name, fieldSchema(normalizeSpec(child))])),
        );
      case 'path_globs':
        return pathGlobsSchema();
    }
  })();
  return spec.optional ? base.optional() : base;
}

export function compileKind(id: string, kind: Kind): CompiledKind {
  // An own-body decision is a markdown document: its frontmatter names its title, as a PRD's does.
  const provided: [string, FieldSpecObject][] =
    bodyMode(kind) === 'own' ? [[ownBodyTitleField, { type: 'line', requirement: 'the title of the decision' }]] : [];
  const common = new Map([...provided, ...specs(kind.common)]);
  const states = new Map<string, CompiledState>();
  for (const [stateId, state] of Object.entries(kind.states)) {
    const own = specs(state.requires ?? {});
    const fields = new Map<string, FieldSpecObject>([...common, [kind.state_field, { type: 'exact', value: stateId }], ...own]);
    const forbidden = new Map<string, string | undefined>();
    for (const name of state.forbids ?? []) {
      const group = ownValue<string[]>(kind.field_groups, name);
      if (group) for (const field of group) forbidden.set(field, name);
      else forbidden.set(name, undefined);
    }
    const shape: Record<string, z.ZodType> = { $schema: z.string().optional(), kind: z.literal(id) };
    for (const [name, spec] of fields) shape[name] = fieldSchema(spec);
    const list = state.forbids_terms;
    states.set(stateId, {
      id: stateId,
      fields,
      own,
      forbidden,
      schema: z.strictObject(shape) as unknown as z.ZodType<Decision>,
      terms: list ? { list, matches: compileTerms(ownValue<string[]>(kind.term_lists, list) ?? []) } : undefined,
    });
  }
  const knownFields = [...new Set(['kind', kind.state_field, ...[...states.values()].flatMap((state) => [...state.fields.keys()])])];
  const options = [...states.values()].map((state) => state.schema) as unknown as [z.ZodObject, ...z.ZodObject[]];
  return { id, kind, states, knownFields, schema: z.discriminatedUnion(kind.state_field, options) as unknown as z.ZodType<Decision> };
}

function specs(record: Record<string, FieldSpec>): Map<string, FieldSpecObject> {
  return new Map(Object.entries(record).map(([name, spec]) => [name, normalizeSpec(spec)]));
}

// Templates: `{work_item} remains blocked …`, `{work_items.reviewer}`. A placeholder names a
// field of the record (a path through mappings); its value is the record's own.
const placeholder = /\{([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*)\}/g;

export function isTemplate(value: string): boolean {
  return new RegExp(placeholder.source).test(value);
}

/** The field paths a template names. */
export function templateFields(template: string): string[] {
  return [...template.matchAll(placeholder)].map((match) => match[1]!);
}

/** The value at a field path of a record (`work_items.reviewer`); only the record's own fields count. */
export function valueAtPath(record: Record<string, unknown>, path: string): unknown {
  if (!path.includes('.')) return Object.hasOwn(record, path) ? record[path] : undefined;
  let current: unknown = record;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** The template with each placeholder replaced by the record's value (a missing one stays as written). */
export function renderTemplate(template: string, record: Record<string, unknown>): string {
  return template.replace(placeholder, (whole, path: string) => {
    const value = valueAtPath(record, path);
    return typeof value === 'string' ? value : whole;
  });
}

export interface TextSegment {
  text: string;
  /** The field path the text came from, when it is a placeholder's value. */
  field?: string;
}

/** The rendered template in pieces, so a page can link the values that are ids. */
export function templateSegments(template: string, record: Record<string, unknown>): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of template.matchAll(placeholder)) {
    if (match.index > last) segments.push({ text: template.slice(last, match.index) });
    const value = valueAtPath(record, match[1]!);
    segments.push(typeof value === 'string' ? { text: value, field: match[1]! } : { text: match[0] });
    last = match.index + match[0].length;
  }
  if (last < template.length) segments.push({ text: template.slice(last) });
  return segments;
}

// Asked per record by the gates and pages: found once per state's fields and type.
const pathsByType = new WeakMap<Map<string, FieldSpecObject>, Map<FieldSpecObject['type'], readonly string[]>>();

/** Every field path of a given type among the fields (through mappings), in declaration order. */
export function pathsOfType(fields: Map<string, FieldSpecObject>, type: FieldSpecObject['type']): readonly string[] {
  let byType = pathsByType.get(fields);
  if (!byType) pathsByType.set(fields, (byType = new Map<FieldSpecObject['type'], readonly string[]>()));
  let paths = byType.get(type);
  if (!paths) byType.set(type, (paths = findPathsOfType(fields, type)));
  return paths;
}

function findPathsOfType(fields: Map<string, FieldSpecObject>, type: FieldSpecObject['type']): string[] {
  const out: string[] = [];
  const walk = (entries: [string, FieldSpecObject][], prefix: string) => {
    for (const [name, spec] of entries) {
      const path = prefix === '' ? name : `${prefix}.${name}`;
      if (spec.type === type) out.push(path);
      if (spec.type === 'mapping')
        walk(
          Object.entries(spec.fields ?? {}).map(([child, value]) => [child, normalizeSpec(value)]),
          path,
        );
    }
  };
  walk([...fields], '');
  return out;
}

/** How pages and messages describe a requirement. */
export function describeRequirement(requirement: KindRequirement): string {
  if (requirement.description) return requirement.description;
  const parts = [`a ${requirement.evidence} evidence listed in ${requirement.listed_in}`];
  if (requirement.matches)
    parts.push(`whose ${requirement.matches.join(' and ')} ${requirement.matches.length === 1 ? 'equals' : 'equal'} this decision's`);
  if (requirement.where)
    parts.push(
      `with ${Object.entries(requirement.where)
        .map(([field, value]) => `${field} ${value}`)
        .join(' and ')}`,
    );
  return parts.join(' ');
}

/** What the page says a field requires: the kind's own text, else one made from its type. */
export function describeField(spec: FieldSpecObject, record: Record<string, unknown>): string {
  if (spec.requirement) return spec.requirement;
  switch (spec.type) {
    case 'exact': {
      const value = renderTemplate(spec.value ?? '', record);
      return /\s/.test(value) ? `exactly "${value}"` : `exactly ${value}`;
    }
    case 'one_of':
      return `one of ${(spec.values ?? []).join(', ')}`;
    case 'line':
      return 'a non-empty single line';
    case 'text':
      return 'a non-empty text';
    case 'class':
      return 'a class name';
    case 'empty_or_line':
      return 'empty, or a value admitted by the listed evidence';
    case 'date':
      return 'a date YYYY-MM-DD';
    case 'date_or_condition':
      return 'a date (YYYY-MM-DD) or a condition that forces review';
    case 'evidence_list':
      return 'a non-empty list of evidence ids';
    case 'line_list':
      return 'a non-empty list';
    case 'work_item_ref':
      return 'the id of a work item';
    case 'prd_ref':
      return 'the id of a PRD';
    case 'decision_ref':
      return 'the id of another decision';
    case 'id':
      return 'an id';
    case 'mapping':
      return `a mapping of ${Object.keys(spec.fields ?? {}).join(', ')}`;
    case 'path_globs':
      return pathGlobsDescription;
  }
}
