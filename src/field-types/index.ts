// The field-type registry: the one list of the types a kind's fields may have. Adding a type is
// one module beside this one and a line below (docs/architecture.md, "Adding a field type").
import type { z } from 'astro/zod';
import { classType } from './class.ts';
import { dateOrCondition } from './date-or-condition.ts';
import { date } from './date.ts';
import { decisionRef } from './decision-ref.ts';
import type { FieldTypeDefinition } from './define.ts';
import { evidenceList } from './evidence-list.ts';
import { exact } from './exact.ts';
import { id } from './id.ts';
import { lineList } from './line-list.ts';
import { line } from './line.ts';
import { mapping } from './mapping.ts';
import { oneOf } from './one-of.ts';
import { pathGlobs } from './path-globs.ts';
import { prdRef } from './prd-ref.ts';
import { text } from './text.ts';
import { workItemRef } from './work-item-ref.ts';
import type { FieldSpec, FieldSpecObject } from './spec.ts';

interface Registry {
  definitions: readonly FieldTypeDefinition[];
  byName: ReadonlyMap<string, FieldTypeDefinition>;
}

// Built when first asked, not at import: a type names its rules, and rule modules reach this
// registry through their checks, so at import time a type module may still be loading.
let registry: Registry | undefined;

function loaded(): Registry {
  registry ??= withIndex(listed());
  return registry;
}

function withIndex(definitions: readonly FieldTypeDefinition[]): Registry {
  return { definitions, byName: new Map(definitions.map((definition) => [definition.name, definition])) };
}

/** In the order the README's field-type table lists them. */
const listed = (): readonly FieldTypeDefinition[] => [
  line,
  text,
  classType,
  exact,
  oneOf,
  date,
  dateOrCondition,
  evidenceList,
  lineList,
  id,
  workItemRef,
  prdRef,
  decisionRef,
  mapping,
  pathGlobs,
];

export function fieldTypeDefinitions(): readonly FieldTypeDefinition[] {
  return loaded().definitions;
}

/** Every type name, for the kind schema's `type` enum. */
export function fieldTypes(): [string, ...string[]] {
  return loaded().definitions.map((definition) => definition.name) as [string, ...string[]];
}

/** The definition of a type name; undefined for a name the registry does not hold. */
export function findFieldType(name: string): FieldTypeDefinition | undefined {
  return loaded().byName.get(name);
}

/** The definition of a spec's type; the spec passed the kind schema, so its type is known. */
export function fieldTypeOf(spec: FieldSpecObject): FieldTypeDefinition {
  const definition = loaded().byName.get(spec.type);
  if (!definition) throw new Error(`field type ${spec.type} is not in the registry`);
  return definition;
}

/** Each option key with the types that declare it and whether it is required there. */
export function optionOwners(nested: z.ZodType<FieldSpec>): Map<string, { type: string; required: boolean; schema: z.ZodType }> {
  const owners = new Map<string, { type: string; required: boolean; schema: z.ZodType }>();
  for (const definition of fieldTypeDefinitions()) {
    for (const [key, schema] of Object.entries(definition.options?.(nested) ?? {})) {
      owners.set(key, { type: definition.name, required: !schema.safeParse(undefined).success, schema });
    }
  }
  return owners;
}

/** The types whose values name another record, each with what its reference check needs. */
export function referenceTypes() {
  return fieldTypeDefinitions().flatMap((definition) =>
    definition.references ? [{ type: definition.name, ...definition.references }] : [],
  );
}

/** Whether a type's values are single lines of text (read by the copied-evidence check). */
export function isSingleLineType(name: string): boolean {
  return loaded().byName.get(name)?.singleLine === true;
}

/** The README's field-type table, generated (test/field-types-readme.test.ts keeps it current). */
export function fieldTypeTable(): string {
  const row = (cells: string[]) => `|${cells.map((cell) => (cell === '' ? ' ' : ` ${cell} `)).join('|')}|`;
  const rows = fieldTypeDefinitions().map((definition) =>
    row([
      `\`${definition.name}\``,
      definition.summary,
      definition
        .rules()
        .map((rule) => rule.id)
        .join(', '),
    ]),
  );
  return [row(['type', 'a value is', 'rules']), row(['---', '---', '---']), ...rows].join('\n');
}
