// Rule DP212 (message `reference`): what a kind file's names refer to exists: its states, field groups, term lists,
// requirements, evidence kinds, template fields, roles' fields and the rules its criteria name.
// The shape itself is DP211 (src/schemas/kind.ts); these checks run on a kind of valid shape, or on
// what src/kinds/salvage-kind.ts keeps of a malformed one. DP217: declarations that contradict.
import type { Issue } from '../core/issue.ts';
import { fieldAt } from '../core/record-set.ts';
import type { PositionIndex } from '../reader/positions.ts';
import { rules } from '../rules/catalog.ts';
import { dp212 } from '../rules/dp212-kind-reference.ts';
import { dp217 } from '../rules/dp217-kind-consistency.ts';
import {
  bodyMode,
  fieldSpecSchema,
  normalizeSpec,
  ownBodyTitleField,
  type Condition,
  type FieldSpec,
  type FieldSpecObject,
  type Kind,
  type KindRequirement,
} from '../schemas/kind.ts';
import { optionOwners } from '../field-types/index.ts';
import { describeField, fieldSchema, templateFields } from './compile-kind.ts';
import { suggestion } from '../core/suggest.ts';
import { checkKindApprovals } from '../approvals/check-kind-approvals.ts';

interface KindTarget {
  file: string;
  positions: PositionIndex;
}

const knownRules = new Set<string>(rules.map((rule) => rule.id));
const options = optionOwners(fieldSpecSchema);

// Own keys only: a name such as "constructor" must not resolve through the prototype.
const has = (record: object, key: string) => Object.hasOwn(record, key);

type KindRole = NonNullable<Kind['roles']>[string];

/** One kind being checked: what every step reads, and the issues they add. */
interface Check {
  target: KindTarget;
  kind: Kind;
  unsure: ReadonlySet<string>;
  /** The kind's state names, listed once (a kind may declare thousands). */
  states: readonly string[];
  /** A section that declares fields lost part of its shape: a field not found may be in the part dropped. */
  fieldsUnsure: boolean;
  /** Names the engine provides (kind, $schema, the state field, an own body's title). */
  reserved: Set<string>;
  /** Every field some state carries (common included), and those of type evidence_list. */
  fieldsUsed: Set<string>;
  evidenceListFields: Set<string>;
  issues: Issue[];
}

/**
 * `unsure` names the top-level sections that had shape errors (DP211) and were only partly kept
 * (src/kinds/salvage-kind.ts): a name not found in one of them is not reported, since it may be
 * declared in the part that was dropped.
 */
export function checkKind(target: KindTarget, kind: Kind, unsure: ReadonlySet<string> = new Set()): Issue[] {
  const fieldsUnsure = unsure.has('common') || unsure.has('states') || unsure.has('state_field') || unsure.has('body');
  const ownBody = bodyMode(kind) === 'own';
  const reserved = new Set(['kind', '$schema', kind.state_field, ...(ownBody ? [ownBodyTitleField] : [])]);
  const check: Check = { target, kind, unsure, states: Object.keys(kind.states), fieldsUnsure, reserved, ...fieldsOf(kind), issues: [] };
  if (!unsure.has('safe_state')) isState(check, kind.safe_state, 'safe_state', 'safe_state must be one of them');
  check.issues.push(...checkKindApprovals(target, kind));
  checkTransitions(check);
  checkCommon(check);
  checkFieldGroups(check);
  for (const [stateId, state] of Object.entries(kind.states)) checkState(check, stateId, state);
  for (const [id, evidenceKind] of Object.entries(kind.evidence_kinds)) {
    checkSpecs(check, evidenceKind.fields ?? {}, `evidence_kinds.${id}.fields`);
  }
  for (const [name, requirement] of Object.entries(kind.requirements ?? {})) checkRequirement(check, name, requirement);
  for (const [roleId, role] of Object.entries(kind.roles ?? {})) checkRole(check, roleId, role);
  (kind.page?.statements ?? []).forEach((statement, index) => {
    checkTemplate(check, statement.text, `page.statements[${index}].text`, new Set([...Object.keys(kind.common), kind.state_field]));
  });
  checkCriteria(check);
  return check.issues;
}

function fieldsOf(kind: Kind): Pick<Check, 'fieldsUsed' | 'evidenceListFields'> {
  const fieldsUsed = new Set<string>();
  const evidenceListFields = new Set<string>();
  const declared = [kind.common, ...Object.values(kind.states).map((state) => state.requires ?? {})];
  for (const [name, spec] of declared.flatMap((specs) => Object.entries(specs))) {
    fieldsUsed.add(name);
    if (normalizeSpec(spec).type === 'evidence_list') evidenceListFields.add(name);
  }
  return { fieldsUsed, evidenceListFields };
}

function reference(check: Check, field: string, problem: string): void {
  check.issues.push(dp212.report('reference', fieldAt(check.target, field), { problem }));
}

function isState(check: Check, name: string, field: string, what: string): void {
  if (has(check.kind.states, name) || check.unsure.has('states')) return;
  const problem = `${field} names a state that the kind does not declare (${what}); its states are ${check.states.join(', ')}.`;
  reference(check, field, problem + suggestion(name, [...check.states]));
}

function checkTransitions(check: Check): void {
  for (const [from, targets] of Object.entries(check.kind.transitions)) {
    isState(check, from, `transitions.${from}`, 'a transition starts from a state');
    targets.forEach((to, index) => {
      isState(check, to, `transitions.${from}[${index}]`, 'a transition leads to a state');
    });
  }
}

// The state field is the engine's discriminator, never a declared field; a decision points at
// one PRD, or (body: own) is its own markdown document and points at none.
function checkCommon(check: Check): void {
  const { kind } = check;
  if (kind.state_field === 'kind')
    reference(check, 'state_field', 'state_field may not be kind: every decision names its kind in that field.');
  const ownBody = bodyMode(kind) === 'own';
  const provided = `kind, $schema${ownBody ? `, ${ownBodyTitleField} (body: own)` : ''} and the state field ${kind.state_field}`;
  for (const name of Object.keys(kind.common)) {
    if (check.reserved.has(name))
      reference(check, `common.${name}`, `common.${name} is a field the engine provides (${provided}); remove it.`);
  }
  const prdRefs = Object.entries(kind.common).filter(([, spec]) => normalizeSpec(spec).type === 'prd_ref');
  if (ownBody && prdRefs.length > 0)
    reference(
      check,
      `common.${prdRefs[0]![0]}`,
      `common.${prdRefs[0]![0]} is of type prd_ref, but the kind says body: own: its decisions carry their own markdown body and name no PRD. Remove the field, or set body: prd.`,
    );
  if (!ownBody && prdRefs.length !== 1 && !check.fieldsUnsure)
    reference(
      check,
      'common',
      `common must declare exactly one field of type prd_ref (the PRD a decision of this kind belongs to); it declares ${prdRefs.length}. A kind whose decisions carry their own markdown body says body: own instead.`,
    );
  checkSpecs(check, kind.common, 'common');
}

function checkFieldGroups(check: Check): void {
  if (check.fieldsUnsure) return;
  for (const [group, fields] of Object.entries(check.kind.field_groups ?? {})) {
    fields.forEach((name, index) => {
      const field = `field_groups.${group}[${index}]`;
      if (!check.fieldsUsed.has(name))
        reference(check, field, `${field} names a field that no state of the kind declares.${suggestion(name, [...check.fieldsUsed])}`);
    });
  }
}

function checkState(check: Check, stateId: string, state: Kind['states'][string]): void {
  const { kind, unsure } = check;
  const base = `states.${stateId}`;
  const own = new Set(Object.keys(state.requires ?? {}));
  for (const name of own) {
    if (check.reserved.has(name) || has(kind.common, name))
      reference(
        check,
        `${base}.requires.${name}`,
        `${base}.requires.${name} is already a common field or one the engine provides; declare it once.`,
      );
  }
  checkSpecs(check, state.requires ?? {}, `${base}.requires`, new Set([...Object.keys(kind.common), ...own]));
  (state.forbids ?? []).forEach((name, index) => {
    checkForbidden(check, name, `${base}.forbids[${index}]`, (held) =>
      own.has(held) ? `${base}.requires` : has(kind.common, held) ? 'common' : undefined,
    );
  });
  const termLists = kind.term_lists ?? {};
  if (state.forbids_terms !== undefined && !has(termLists, state.forbids_terms) && !unsure.has('term_lists')) {
    const problem = `${base}.forbids_terms names a term list that term_lists does not declare.`;
    reference(check, `${base}.forbids_terms`, problem + suggestion(state.forbids_terms, Object.keys(termLists)));
  }
  const templateScope = new Set([...Object.keys(kind.common), kind.state_field, ...own]);
  (state.consequences ?? []).forEach((template, index) => {
    checkTemplate(check, template, `${base}.consequences[${index}]`, templateScope);
  });
}

/** A forbidden field or group; a state cannot forbid what it requires (one DP217 per such field). */
function checkForbidden(check: Check, name: string, field: string, requiredWhere: (held: string) => string | undefined): void {
  const groups = check.kind.field_groups ?? {};
  const clash = (held: string, via: string) => {
    const where = requiredWhere(held);
    if (where) check.issues.push(dp217.report('forbidsRequired', fieldAt(check.target, field), { field, held, via, where }));
  };
  if (has(groups, name))
    groups[name]!.forEach((held) => {
      clash(held, ` (through field group ${name})`);
    });
  else if (check.fieldsUsed.has(name)) clash(name, '');
  else if (!check.unsure.has('field_groups') && !check.fieldsUnsure) {
    const problem = `${field} names neither a field group (field_groups) nor a field any state declares.`;
    reference(check, field, problem + suggestion(name, [...Object.keys(groups), ...check.fieldsUsed]));
  }
}

function checkRequirement(check: Check, name: string, requirement: KindRequirement): void {
  const { unsure, fieldsUnsure } = check;
  const evidenceKinds = check.kind.evidence_kinds;
  const base = `requirements.${name}`;
  const evidenceKind = has(evidenceKinds, requirement.evidence) ? evidenceKinds[requirement.evidence] : undefined;
  if (!evidenceKind && !unsure.has('evidence_kinds')) {
    const problem = `${base}.evidence names an evidence kind that evidence_kinds does not declare.`;
    reference(check, `${base}.evidence`, problem + suggestion(requirement.evidence, Object.keys(evidenceKinds)));
  }
  if (!check.evidenceListFields.has(requirement.listed_in) && !fieldsUnsure) {
    const problem = `${base}.listed_in must name a field of type evidence_list that the kind declares.`;
    reference(check, `${base}.listed_in`, problem + suggestion(requirement.listed_in, [...check.evidenceListFields]));
  }
  const evidenceFields = Object.keys(evidenceKind?.fields ?? {});
  (requirement.matches ?? []).forEach((field, index) => {
    const at = `${base}.matches[${index}]`;
    if (evidenceKind && !evidenceFields.includes(field))
      reference(check, at, `${at} names a field that evidence kind ${requirement.evidence} does not declare.`);
    if (!check.fieldsUsed.has(field) && !fieldsUnsure) reference(check, at, `${at} names a field that no state of the kind declares.`);
  });
  for (const [field, value] of Object.entries(requirement.where ?? {})) {
    const at = `${base}.where.${field}`;
    const spec = evidenceKind?.fields && has(evidenceKind.fields, field) ? normalizeSpec(evidenceKind.fields[field]!) : undefined;
    if (evidenceKind && !spec) reference(check, at, `${at} names a field that evidence kind ${requirement.evidence} does not declare.`);
    // A value the evidence kind's own field refuses could never be listed: the requirement would never hold.
    else if (spec && !fieldSchema(spec).safeParse(value).success) {
      const data = { field: at, name: field, evidenceKind: requirement.evidence, takes: describeField(spec, {}), requirement: name };
      check.issues.push(dp217.report('whereRefused', fieldAt(check.target, at), data));
    }
  }
}

function checkRole(check: Check, roleId: string, role: KindRole): void {
  const { kind } = check;
  const base = `roles.${roleId}`;
  if (commonSpecAt(kind, role.field)?.type !== 'work_item_ref' && !check.unsure.has('common'))
    reference(check, `${base}.field`, `${base}.field must name a common field of type work_item_ref (work_item, or mapping.field).`);
  for (const key of ['unblocked_when', 'done_when'] as const) checkCondition(check, role[key], `${base}.${key}`);
  const scope = new Set([...Object.keys(kind.common), kind.state_field]);
  if (typeof role.why === 'string') {
    checkTemplate(check, role.why, `${base}.why`, scope);
    return;
  }
  for (const [key, template] of Object.entries(role.why)) {
    if (key !== 'default') isState(check, key, `${base}.why.${key}`, 'why is keyed by state or default');
    checkTemplate(check, template, `${base}.why.${key}`, scope);
  }
  if (!has(role.why, 'default')) reference(check, `${base}.why`, `${base}.why, keyed by state, needs a default text for the other states.`);
}

function checkCriteria(check: Check): void {
  for (const [anchor, ids] of Object.entries(check.kind.criteria ?? {})) {
    ids.forEach((id, index) => {
      const field = `criteria.${anchor}[${index}]`;
      if (!knownRules.has(id)) reference(check, field, `${field} names a rule that the rules reference does not list.`);
    });
  }
}

function checkSpecs(check: Check, specs: Record<string, FieldSpec>, base: string, scope?: Set<string>): void {
  for (const [name, raw] of Object.entries(specs)) {
    const spec = normalizeSpec(raw);
    const field = `${base}.${name}`;
    // Each option belongs to the field type that declares it (src/field-types/).
    const given = new Set(Object.entries(spec).flatMap(([key, value]) => (value === undefined ? [] : [key])));
    for (const [option, owner] of options) {
      if (spec.type === owner.type && owner.required && !given.has(option))
        reference(check, field, `${field} is of type ${owner.type} and needs "${option}".`);
      if (spec.type !== owner.type && given.has(option))
        reference(check, `${field}.${option}`, `${field}.${option} belongs to type ${owner.type} only.`);
    }
    checkCondition(check, spec.empty_unless, `${field}.empty_unless`);
    if (spec.type === options.get('value')?.type && spec.value !== undefined && scope)
      checkTemplate(check, spec.value, `${field}.value`, scope);
    if (spec.fields) checkSpecs(check, spec.fields, `${field}.fields`);
  }
}

function checkCondition(check: Check, condition: Condition | undefined, base: string): void {
  const requirements = check.kind.requirements ?? {};
  (condition?.states ?? []).forEach((state, index) => {
    isState(check, state, `${base}.states[${index}]`, 'a condition names states');
  });
  (condition?.requirements ?? []).forEach((name, index) => {
    const field = `${base}.requirements[${index}]`;
    if (!has(requirements, name) && !check.unsure.has('requirements'))
      reference(
        check,
        field,
        `${field} names a requirement that requirements does not declare.${suggestion(name, Object.keys(requirements))}`,
      );
  });
}

function checkTemplate(check: Check, template: string, field: string, scope: Set<string>): void {
  if (check.fieldsUnsure) return;
  for (const path of templateFields(template)) {
    const head = path.split('.')[0]!;
    const ok = path === head ? scope.has(head) : scope.has(head) && commonSpecAt(check.kind, path) !== undefined;
    if (!ok)
      reference(
        check,
        field,
        `${field} names a field in braces that a record of this state does not carry; name a common field, the state field or one of the state's own fields.`,
      );
  }
}

function commonSpecAt(kind: Kind, path: string): FieldSpecObject | undefined {
  const [head, ...rest] = path.split('.');
  let spec = Object.hasOwn(kind.common, head!) ? normalizeSpec(kind.common[head!]!) : undefined;
  for (const segment of rest) {
    const fields = spec?.fields;
    const child = fields && Object.hasOwn(fields, segment) ? fields[segment] : undefined;
    spec = child === undefined ? undefined : normalizeSpec(child);
  }
  return spec;
}
