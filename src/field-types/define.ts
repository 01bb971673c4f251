// One field type of the kind vocabulary: everything the engine knows about it, in one object.
// The registry (./index.ts) lists them; schemas, compile, check, `new`, pages and the README's
// field-type table ask it instead of switching on type names.
import type { z } from 'astro/zod';
import type { Issue } from '../core/issue.ts';
import type { RuleId } from '../rules/catalog.ts';
import type { IssueLocation } from '../rules/define-rule.ts';
import type { SchemaRule } from '../rules/schema-message.ts';
import type { FieldSpec, FieldSpecObject } from './spec.ts';

/** @public Named in the declarations `npm run compile` emits for lib/ (index.ts, mapping.ts). */
export interface FieldTypeContext {
  /** The schema of a nested field (a mapping's fields), optional ones included. */
  fieldSchema(spec: FieldSpecObject): z.ZodType;
}

/** What `decision-packet new` writes for a required field: a value, nested fields, or nothing. */
export type Placeholder = { value: string } | { fields: Record<string, unknown> } | undefined;

/**
 * The record a reference must name, the rule that refuses a missing one (its `missing` message,
 * src/rules/dp300-references.ts), and the page it links to.
 */
interface FieldReference {
  record: 'prd' | 'work-item' | 'decision';
  rule: () => ReferenceRule;
  route?: 'work-items' | 'packets';
}

/**
 * A rule that refuses a reference to a record that does not exist.
 * @public Named in the declarations `npm run compile` emits for lib/.
 */
export interface ReferenceRule {
  id: RuleId;
  report(key: 'missing', at: IssueLocation, data: { field: string }): Issue;
}

export interface FieldTypeDefinition {
  name: string;
  /** The README's "a value is" column. */
  summary: string;
  /**
   * The rules this type's values answer to (the README's "rules" column). A function: rule modules
   * reach this registry through their checks, so a type names them only once both are loaded.
   */
  rules: () => readonly { id: RuleId }[];
  /**
   * The spec keys this type accepts beside `type`, `requirement` and `optional`. A key whose
   * schema refuses `undefined` is required. `spec` is the schema of a nested field spec.
   */
  options?: (spec: z.ZodType<FieldSpec>) => Record<string, z.ZodType>;
  /** The value's schema. Its JSON Schema is derived from it (src/schemas/json-schema.ts). */
  zod(spec: FieldSpecObject, context: FieldTypeContext): z.ZodType;
  /** What pages and messages say a value must be (a kind's `requirement` text overrides it). */
  describe(spec: FieldSpecObject, record: Record<string, unknown>): string;
  placeholder(spec: FieldSpecObject): Placeholder;
  /** A value that names another record: the reference check (src/rules/dp300-references.ts) looks it up. */
  references?: FieldReference;
  /** The rule for a value of the right JSON type that its schema refuses (default: state-field-value). */
  refusedAs?: SchemaRule;
  /** A single-line text the copied-evidence check (copied-runtime-evidence) reads for pasted output. */
  singleLine?: boolean;
}

export function defineFieldType<const Definition extends FieldTypeDefinition>(definition: Definition): Definition {
  return definition;
}

export const emptyText: Placeholder = { value: '""' };
export const emptyList: Placeholder = { value: '[]' };
