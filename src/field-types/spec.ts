// The written form of a field: a type name, or a mapping with `type` and that type's options.
// The option keys are declared by the field types (src/field-types/<type>.ts); this interface
// lists them for the code that reads a spec, and test/field-types.test.ts keeps the two equal.
import { z } from 'astro/zod';
import type { Condition } from '../schemas/condition.ts';

const snakeCase = () =>
  z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, { error: 'a field name: lowercase letters, digits and "_", starting with a letter' });
/** Field names are lowercase snake_case; `$schema` and `kind` are the engine's own. */
export const fieldName = snakeCase();
/** State, role, group, list, requirement and flag names: like field names. */
export const nameKey = snakeCase();

export interface FieldSpecObject {
  type: string;
  value?: string;
  values?: string[];
  patterns?: string[];
  empty_unless?: Condition;
  inverse_label?: string;
  fields?: Record<string, FieldSpec>;
  requirement?: string;
  optional?: boolean;
}
export type FieldSpec = string | FieldSpecObject;

/** A field spec in its long form. */
export function normalizeSpec(spec: FieldSpec): FieldSpecObject {
  return typeof spec === 'string' ? { type: spec } : spec;
}
