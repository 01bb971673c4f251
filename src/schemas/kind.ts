// A decision kind file (content/kinds/<kind-id>.yaml): the shape only. What its names must
// refer to (states, field groups, term lists, requirements, rules) is checked by
// src/kinds/check-kind.ts (DP212); src/kinds/compile-kind.ts turns a valid kind into schemas.
import { z } from 'astro/zod';
import { fieldTypes, optionOwners } from '../field-types/index.ts';
import { fieldName, nameKey, normalizeSpec, type FieldSpec } from '../field-types/spec.ts';
import { conditionSchema } from './condition.ts';
import { line, schemaHint } from './shared.ts';
import { kindApprovalsSchema } from './approvals.ts';

export { normalizeSpec, type FieldSpec, type FieldSpecObject } from '../field-types/spec.ts';
export type { Condition } from './condition.ts';
const evidenceKindId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,63}$/, { error: 'an evidence kind: lowercase letters, digits and "-", starting with a letter' });

// A field spec: a type name, or `type` with the options its type declares (src/field-types/).
export const fieldSpecSchema: z.ZodType<FieldSpec> = z.lazy(() => {
  const typeNames = fieldTypes();
  const options = Object.fromEntries([...optionOwners(fieldSpecSchema)].map(([key, owner]) => [key, owner.schema.optional()]));
  return z.union(
    [
      z.enum(typeNames),
      z.strictObject({
        type: z.enum(typeNames),
        ...options,
        /** What the packet page says this field requires. */
        requirement: line.optional(),
        /** The field may be left out. */
        optional: z.boolean().optional(),
      }),
    ],
    { error: `a field type (${typeNames.join(', ')}) or a mapping with "type"` },
  );
});

const texts = z.array(line);

const bodyModes = ['own', 'prd'] as const;
export type BodyMode = (typeof bodyModes)[number];

const stateSchema = z.strictObject({
  label: line,
  /** A shorter label for badges and lists; default: the label. */
  short_label: line.optional(),
  /** Texts the packet page states while the decision is in this state. */
  notices: texts.optional(),
  use_when: line.optional(),
  /** What follows from this state; templates over the record's fields. */
  consequences: texts.optional(),
  requires: z.record(fieldName, fieldSpecSchema).optional(),
  /** Field names or field groups this state refuses (DP202). */
  forbids: z.array(fieldName).optional(),
  /** A term list none of the record's text may name (DP401). */
  forbids_terms: nameKey.optional(),
  /** Flags for decision.json in this state (override the kind's). */
  flags: z.record(nameKey, z.boolean()).optional(),
  /** A decision in this state governs the paths its path_globs fields name (`decision-packet governing`). */
  governs: z.boolean().optional(),
  /** A decision in this state is retired (superseded, deprecated): code citing it is DP309; its decision_ref fields name the successor. */
  retired: z.boolean().optional(),
});

const evidenceKindSchema = z.strictObject({
  /** Extra fields an evidence reference of this kind carries. */
  fields: z.record(fieldName, fieldSpecSchema).optional(),
});

const requirementSchema = z.strictObject({
  /** Listed evidence of this evidence kind … */
  evidence: evidenceKindId,
  /** … in this evidence_list field of the decision … */
  listed_in: fieldName,
  /** … whose fields equal the decision's (non-empty) fields of the same name (else DP402) … */
  matches: z.array(fieldName).min(1).optional(),
  /** … and whose fields have these values. */
  where: z.record(fieldName, line).optional(),
  /** How pages and messages describe it; default: generated from the above. */
  description: line.optional(),
});

const roleSchema = z.strictObject({
  /** The record field naming the work item: `work_item` or `work_items.<role>`. */
  field: z.string().regex(/^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?$/, { error: 'a field path: a field name, or mapping.field' }),
  label: line,
  /** Why the item is gated: one template, or one per state with `default`. */
  why: z.union([line, z.record(nameKey, line)]),
  /** When the item may leave `blocked`: its states (else DP700) and requirements (else DP701). */
  unblocked_when: conditionSchema.optional(),
  /** When the item may be `done`: its states and requirements (else DP702). */
  done_when: conditionSchema.optional(),
});

/** The sections a packet page may have, in the order a kind lists them (`page.sections`). */
export const pageSectionIds = [
  'outcome',
  'record',
  'states',
  'statements',
  'target-repositories',
  'approvals',
  'gated-items',
  'evidence',
  'criteria',
  'history',
  'link',
  'document',
] as const;
export type PageSectionId = (typeof pageSectionIds)[number];

const pageSections = z
  .array(z.enum(pageSectionIds))
  .min(1)
  .refine((ids) => new Set(ids).size === ids.length, { error: 'a list of page sections, each at most once' });

const pageSchema = z.strictObject({
  /** Which sections the packet page has, in order; default: defaultPageSections. */
  sections: pageSections.optional(),
  /** body: own: the heading of the body's section that states the outcome (shown first). */
  outcome_heading: line.optional(),
  /** Texts stated on the packet page in every state. */
  notices: texts.optional(),
  /** The "Authority and execution gate" statements: a label and a template each. */
  statements: z.array(z.strictObject({ label: line, text: line })).optional(),
  /** The heading of the section listing the states other than the safe state. */
  states_heading: line.optional(),
  /** The sentence introducing that section. */
  states_intro: line.optional(),
  /** What the index page says about every packet of this kind. */
  index_note: line.optional(),
});

export const kindSchema = z.strictObject({
  ...schemaHint,
  title: line,
  description: line.optional(),
  state_field: fieldName,
  safe_state: nameKey,
  /**
   * Where a decision's prose lives. `prd` (the default): the record is decisions/<id>.yaml and a
   * common field of type prd_ref names its PRD. `own`: the record is decisions/<id>.md, YAML
   * frontmatter (the record, with a `title`) and a markdown body of its own; it names no PRD.
   */
  body: z
    .enum(bodyModes)
    .describe(
      'Where a decision of this kind keeps its prose. prd (default): decisions/<id>.yaml names its PRD through the one prd_ref field of common. own: decisions/<id>.md is YAML frontmatter (the record, with a title) and a markdown body of its own; common declares no prd_ref.',
    )
    .optional(),
  /** Fields every state requires (besides `kind` and the state field). */
  common: z.record(fieldName, fieldSpecSchema),
  states: z.record(nameKey, stateSchema).refine((states) => Object.keys(states).length >= 2, { error: 'a mapping of at least two states' }),
  /** Allowed state changes: from → [to, …] (check --base judges them). */
  transitions: z.record(nameKey, z.array(nameKey)),
  field_groups: z.record(nameKey, z.array(fieldName).min(1)).optional(),
  term_lists: z.record(nameKey, z.array(z.string().regex(/^[a-z0-9][a-z0-9._/+-]*$/, { error: 'a lowercase term' })).min(1)).optional(),
  evidence_kinds: z.record(evidenceKindId, evidenceKindSchema),
  requirements: z.record(nameKey, requirementSchema).optional(),
  roles: z.record(nameKey, roleSchema).optional(),
  /** Flags for decision.json in every state (a state's `flags` override them). */
  flags: z.record(nameKey, z.boolean()).optional(),
  page: pageSchema.optional(),
  /** PRD acceptance-criterion anchor → the rules that enforce it. */
  /** Who must approve a decision in (or moving into) a state: src/approvals/, README "Approvals". */
  approvals: kindApprovalsSchema.optional(),
  criteria: z
    .record(
      z.string().regex(/^ac-[a-z0-9][a-z0-9-]*$/, { error: 'a criterion anchor: ac-<n> or ac-<name>' }),
      z.array(z.string().regex(/^DP\d{3}$/, { error: 'a rule id DPnnn' })).min(1),
    )
    .optional(),
});

export type Kind = z.infer<typeof kindSchema>;

/** The field an own-body decision's frontmatter names its title in (a PRD's frontmatter has one too). */
export const ownBodyTitleField = 'title';

/**
 * The sections of a kind that does not list its own: the decision first; an own-body kind's
 * document next (it is the decision), a PRD kind's after the machinery.
 */
export function defaultPageSections(kind: Pick<Kind, 'body'>): PageSectionId[] {
  const machinery: PageSectionId[] = ['gated-items', 'approvals', 'evidence', 'criteria', 'statements', 'target-repositories'];
  return bodyMode(kind) === 'own'
    ? ['outcome', 'document', 'states', ...machinery, 'record', 'history', 'link']
    : ['outcome', 'states', ...machinery, 'record', 'document', 'history', 'link'];
}

/** Whether a kind's decisions carry their own markdown body (`own`) or point at a PRD (`prd`). */
export function bodyMode(kind: Pick<Kind, 'body'>): BodyMode {
  return kind.body ?? 'prd';
}

/** The common field of type prd_ref that names a decision's PRD; none for a kind with body: own. */
export function prdField(kind: Pick<Kind, 'common'>): string | undefined {
  return Object.entries(kind.common).find(([, spec]) => normalizeSpec(spec).type === 'prd_ref')?.[0];
}
export type KindRequirement = z.infer<typeof requirementSchema>;

/** The PRD frontmatter extension (content/kinds/prd-frontmatter.yaml): the organisation's own fields. */
export const prdExtensionSchema = z.strictObject({
  ...schemaHint,
  title: line.optional(),
  description: line.optional(),
  /** Fields every PRD must carry, beside the generic core. */
  fields: z.record(fieldName, fieldSpecSchema),
});
export type PrdExtension = z.infer<typeof prdExtensionSchema>;

/** The reserved file name of the PRD extension in kinds/; no decision kind may take it. */
export const prdExtensionId = 'prd-frontmatter';
