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

/**
 * `unsure` names the top-level sections that had shape errors (DP211) and were only partly kept
 * (src/kinds/salvage-kind.ts): a name not found in one of them is not reported, since it may be
 * declared in the part that was dropped.
 */
export function checkKind(target: KindTarget, kind: Kind, unsure: ReadonlySet<string> = new Set()): Issue[] {
  const issues: Issue[] = [];
  const fieldsUnsure = unsure.has('common') || unsure.has('states') || unsure.has('state_field') || unsure.has('body');
  const at = (field: string, problem: string) => issues.push(dp212.report('reference', fieldAt(target, field), { problem }));
  const states = new Set(Object.keys(kind.states));
  const stateList = [...states].join(', ');
  const isState = (name: string, field: string, what: string) => {
    if (!states.has(name) && !unsure.has('states'))
      at(
        field,
        `${field} names a state that the kind does not declare (${what}); its states are ${stateList}.${suggestion(name, [...states])}`,
      );
  };

  if (!unsure.has('safe_state')) isState(kind.safe_state, 'safe_state', 'safe_state must be one of them');
  issues.push(...checkKindApprovals(target, kind));
  for (const [from, targets] of Object.entries(kind.transitions)) {
    isState(from, `transitions.${from}`, 'a transition starts from a state');
    targets.forEach((to, index) => {
      isState(to, `transitions.${from}[${index}]`, 'a transition leads to a state');
    });
  }

  // Fields: the state field is the engine's discriminator, never a declared field.
  if (kind.state_field === 'kind') at('state_field', 'state_field may not be kind: every decision names its kind in that field.');
  const ownBody = bodyMode(kind) === 'own';
  const reserved = new Set(['kind', '$schema', kind.state_field, ...(ownBody ? [ownBodyTitleField] : [])]);
  const provided = `kind, $schema${ownBody ? `, ${ownBodyTitleField} (body: own)` : ''} and the state field ${kind.state_field}`;
  for (const name of Object.keys(kind.common)) {
    if (reserved.has(name)) at(`common.${name}`, `common.${name} is a field the engine provides (${provided}); remove it.`);
  }
  // A decision points at one PRD, or (body: own) is its own markdown document and points at none.
  const prdRefs = Object.entries(kind.common).filter(([, spec]) => normalizeSpec(spec).type === 'prd_ref');
  if (ownBody && prdRefs.length > 0)
    at(
      `common.${prdRefs[0]![0]}`,
      `common.${prdRefs[0]![0]} is of type prd_ref, but the kind says body: own: its decisions carry their own markdown body and name no PRD. Remove the field, or set body: prd.`,
    );
  if (!ownBody && prdRefs.length !== 1 && !fieldsUnsure)
    at(
      'common',
      `common must declare exactly one field of type prd_ref (the PRD a decision of this kind belongs to); it declares ${prdRefs.length}. A kind whose decisions carry their own markdown body says body: own instead.`,
    );
  checkSpecs(kind.common, 'common');

  const fieldsUsed = new Set<string>(Object.keys(kind.common));
  const evidenceListFields = new Set<string>();
  for (const [name, spec] of Object.entries(kind.common)) if (normalizeSpec(spec).type === 'evidence_list') evidenceListFields.add(name);
  for (const state of Object.values(kind.states)) {
    for (const [name, spec] of Object.entries(state.requires ?? {})) {
      fieldsUsed.add(name);
      if (normalizeSpec(spec).type === 'evidence_list') evidenceListFields.add(name);
    }
  }
  const groups = kind.field_groups ?? {};
  for (const [group, fields] of Object.entries(groups)) {
    fields.forEach((name, index) => {
      if (!fieldsUsed.has(name) && !fieldsUnsure)
        at(
          `field_groups.${group}[${index}]`,
          `field_groups.${group}[${index}] names a field that no state of the kind declares.${suggestion(name, [...fieldsUsed])}`,
        );
    });
  }
  const termLists = kind.term_lists ?? {};
  const requirements = kind.requirements ?? {};
  const evidenceKinds = kind.evidence_kinds;

  for (const [stateId, state] of Object.entries(kind.states)) {
    const base = `states.${stateId}`;
    const own = new Set(Object.keys(state.requires ?? {}));
    for (const name of own) {
      if (reserved.has(name) || has(kind.common, name))
        at(`${base}.requires.${name}`, `${base}.requires.${name} is already a common field or one the engine provides; declare it once.`);
    }
    checkSpecs(state.requires ?? {}, `${base}.requires`, new Set([...Object.keys(kind.common), ...own]));
    const requiredHere = (name: string) => (own.has(name) ? `${base}.requires` : has(kind.common, name) ? 'common' : undefined);
    (state.forbids ?? []).forEach((name, index) => {
      const field = `${base}.forbids[${index}]`;
      // A state cannot forbid what it requires: one issue per such field, naming it and where it is required.
      const clash = (held: string, via: string) => {
        const where = requiredHere(held);
        if (where) issues.push(dp217.report('forbidsRequired', fieldAt(target, field), { field, held, via, where }));
      };
      if (has(groups, name))
        groups[name]!.forEach((held) => {
          clash(held, ` (through field group ${name})`);
        });
      else if (fieldsUsed.has(name)) clash(name, '');
      else if (!unsure.has('field_groups') && !fieldsUnsure)
        at(
          field,
          `${field} names neither a field group (field_groups) nor a field any state declares.${suggestion(name, [...Object.keys(groups), ...fieldsUsed])}`,
        );
    });
    if (state.forbids_terms !== undefined && !has(termLists, state.forbids_terms) && !unsure.has('term_lists')) {
      at(
        `${base}.forbids_terms`,
        `${base}.forbids_terms names a term list that term_lists does not declare.${suggestion(state.forbids_terms, Object.keys(termLists))}`,
      );
    }
    const templateScope = new Set([...Object.keys(kind.common), kind.state_field, ...own]);
    (state.consequences ?? []).forEach((template, index) => {
      checkTemplate(template, `${base}.consequences[${index}]`, templateScope);
    });
  }

  for (const [id, evidenceKind] of Object.entries(evidenceKinds)) {
    checkSpecs(evidenceKind.fields ?? {}, `evidence_kinds.${id}.fields`);
  }

  for (const [name, requirement] of Object.entries(requirements)) {
    const base = `requirements.${name}`;
    const evidenceKind = has(evidenceKinds, requirement.evidence) ? evidenceKinds[requirement.evidence] : undefined;
    if (!evidenceKind && !unsure.has('evidence_kinds'))
      at(
        `${base}.evidence`,
        `${base}.evidence names an evidence kind that evidence_kinds does not declare.${suggestion(requirement.evidence, Object.keys(evidenceKinds))}`,
      );
    if (!evidenceListFields.has(requirement.listed_in) && !fieldsUnsure)
      at(
        `${base}.listed_in`,
        `${base}.listed_in must name a field of type evidence_list that the kind declares.${suggestion(requirement.listed_in, [...evidenceListFields])}`,
      );
    const evidenceFields = Object.keys(evidenceKind?.fields ?? {});
    (requirement.matches ?? []).forEach((field, index) => {
      if (evidenceKind && !evidenceFields.includes(field))
        at(
          `${base}.matches[${index}]`,
          `${base}.matches[${index}] names a field that evidence kind ${requirement.evidence} does not declare.`,
        );
      if (!fieldsUsed.has(field) && !fieldsUnsure)
        at(`${base}.matches[${index}]`, `${base}.matches[${index}] names a field that no state of the kind declares.`);
    });
    for (const [field, value] of Object.entries(requirement.where ?? {})) {
      const spec = evidenceKind?.fields && has(evidenceKind.fields, field) ? normalizeSpec(evidenceKind.fields[field]!) : undefined;
      if (evidenceKind && !spec)
        at(`${base}.where.${field}`, `${base}.where.${field} names a field that evidence kind ${requirement.evidence} does not declare.`);
      // A value the evidence kind's own field refuses could never be listed: the requirement would never hold.
      else if (spec && !fieldSchema(spec).safeParse(value).success) {
        const at217 = `${base}.where.${field}`;
        const data = { field: at217, name: field, evidenceKind: requirement.evidence, takes: describeField(spec, {}), requirement: name };
        issues.push(dp217.report('whereRefused', fieldAt(target, at217), data));
      }
    }
  }

  for (const [roleId, role] of Object.entries(kind.roles ?? {})) {
    const base = `roles.${roleId}`;
    const spec = commonSpecAt(kind, role.field);
    if (spec?.type !== 'work_item_ref' && !unsure.has('common'))
      at(`${base}.field`, `${base}.field must name a common field of type work_item_ref (work_item, or mapping.field).`);
    for (const key of ['unblocked_when', 'done_when'] as const) checkCondition(role[key], `${base}.${key}`);
    const scope = new Set([...Object.keys(kind.common), kind.state_field]);
    if (typeof role.why === 'string') checkTemplate(role.why, `${base}.why`, scope);
    else {
      for (const [key, template] of Object.entries(role.why)) {
        if (key !== 'default') isState(key, `${base}.why.${key}`, 'why is keyed by state or default');
        checkTemplate(template, `${base}.why.${key}`, scope);
      }
      if (!has(role.why, 'default')) at(`${base}.why`, `${base}.why, keyed by state, needs a default text for the other states.`);
    }
  }

  (kind.page?.statements ?? []).forEach((statement, index) => {
    checkTemplate(statement.text, `page.statements[${index}].text`, new Set([...Object.keys(kind.common), kind.state_field]));
  });

  for (const [anchor, ids] of Object.entries(kind.criteria ?? {})) {
    ids.forEach((id, index) => {
      if (!knownRules.has(id))
        at(`criteria.${anchor}[${index}]`, `criteria.${anchor}[${index}] names a rule that the rules reference does not list.`);
    });
  }
  return issues;

  function checkSpecs(specs: Record<string, FieldSpec>, base: string, scope?: Set<string>) {
    for (const [name, raw] of Object.entries(specs)) {
      const spec = normalizeSpec(raw);
      const field = `${base}.${name}`;
      // Each option belongs to the field type that declares it (src/field-types/).
      const given = new Set(Object.entries(spec).flatMap(([key, value]) => (value === undefined ? [] : [key])));
      for (const [option, owner] of options) {
        if (spec.type === owner.type && owner.required && !given.has(option))
          at(field, `${field} is of type ${owner.type} and needs "${option}".`);
        if (spec.type !== owner.type && given.has(option))
          at(`${field}.${option}`, `${field}.${option} belongs to type ${owner.type} only.`);
      }
      checkCondition(spec.empty_unless, `${field}.empty_unless`);
      if (spec.type === options.get('value')?.type && spec.value !== undefined && scope) checkTemplate(spec.value, `${field}.value`, scope);
      if (spec.fields) checkSpecs(spec.fields, `${field}.fields`);
    }
  }

  function checkCondition(condition: Condition | undefined, base: string) {
    (condition?.states ?? []).forEach((state, index) => {
      isState(state, `${base}.states[${index}]`, 'a condition names states');
    });
    (condition?.requirements ?? []).forEach((name, index) => {
      const field = `${base}.requirements[${index}]`;
      if (!has(requirements, name) && !unsure.has('requirements'))
        at(field, `${field} names a requirement that requirements does not declare.${suggestion(name, Object.keys(requirements))}`);
    });
  }

  function checkTemplate(template: string, field: string, scope: Set<string>) {
    if (fieldsUnsure) return;
    for (const path of templateFields(template)) {
      const head = path.split('.')[0]!;
      const ok = path === head ? scope.has(head) : scope.has(head) && commonSpecAt(kind, path) !== undefined;
      if (!ok)
        at(
          field,
          `${field} names a field in braces that a record of this state does not carry; name a common field, the state field or one of the state's own fields.`,
        );
    }
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
