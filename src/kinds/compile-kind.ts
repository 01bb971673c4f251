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
import { fieldTypeOf } from '../field-types/index.ts';
import { compileTerms, type TermMatcher } from './term-match.ts';

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

/** A zod schema for one field, from its type in the registry. */
export function fieldSchema(spec: FieldSpecObject): z.ZodType {
  const base = fieldTypeOf(spec).zod(spec, { fieldSchema });
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

export { isTemplate, renderTemplate, templateFields, templateSegments, valueAtPath, type TextSegment } from './templates.ts';

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
      if (spec.fields)
        walk(
          Object.entries(spec.fields).map(([child, value]) => [child, normalizeSpec(value)]),
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

/** What the page says a field requires: the kind's own text, else its type's description. */
export function describeField(spec: FieldSpecObject, record: Record<string, unknown>): string {
  return spec.requirement ?? fieldTypeOf(spec).describe(spec, record);
}
