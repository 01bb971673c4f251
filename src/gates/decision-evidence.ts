// Shared by the decision and work-item gates (not a gate): a decision's kind and state, and the
// kind's evidence requirements. Only listed evidence counts: evidence a decision does not list in
// the requirement's evidence_list field is ignored.
import { ownValue } from '../core/own-value.ts';
import type { Loaded, LoadedKind, RecordSet } from '../core/record-set.ts';
import { validatedDecisions, type ValidatedDecision } from '../core/validated-decision.ts';
import { describeRequirement, valueAtPath } from '../kinds/compile-kind.ts';
import type { Condition, Kind } from '../schemas/kind.ts';
import type { Decision } from '../schemas/decision.ts';
import type { EvidenceReference } from '../schemas/evidence-reference.ts';
import type { WorkItem } from '../schemas/work-item.ts';
import type { KindRequirement } from '../schemas/kind.ts';

// The gates read each decision's kind and state from the one list validation made
// (src/core/validated-decision.ts); they import it from here.
export { validatedDecisions as decisionsInKinds } from '../core/validated-decision.ts';

type Role = NonNullable<Kind['roles']>[string];

/** A work item a decision gates through one of its kind's roles (DP700–DP702 judge its status). */
export interface GatedWorkItem extends ValidatedDecision {
  roleId: string;
  role: Role;
  item: Loaded<WorkItem>;
  /** What every role rule's message names: the role, its field and the decision. */
  names: { role: string; roleField: string; decision: string };
}

/** Every role of every decision's kind whose work item exists, in decision then role order. */
export function* gatedWorkItems(records: RecordSet): Generator<GatedWorkItem> {
  for (const validated of validatedDecisions(records)) {
    const { decision, kind } = validated;
    for (const [roleId, role] of Object.entries(kind.data.roles ?? {})) {
      const item = records.workItems.get(String(valueAtPath(decision.data, role.field)));
      if (!item) continue;
      yield { ...validated, roleId, role, item, names: { role: roleId, roleField: role.field, decision: decision.id } };
    }
  }
}

export interface ListedEvidence {
  /** Position in the evidence list. */
  index: number;
  evidence: Loaded<EvidenceReference>;
}

/** Schema-valid evidence a decision lists in `field`, with its index; ids that do not resolve are skipped (DP300 reports them). */
export function listedEvidence(records: RecordSet, decision: Decision, field: string): ListedEvidence[] {
  const ids = decision[field];
  if (!Array.isArray(ids)) return [];
  const listed: ListedEvidence[] = [];
  ids.forEach((id, index) => {
    const evidence = typeof id === 'string' ? records.evidence.get(id) : undefined;
    if (evidence) listed.push({ index, evidence });
  });
  return listed;
}

/** Does the kind's named requirement hold for the decision? An unknown name never holds. */
function requirementHolds(records: RecordSet, kind: LoadedKind, decision: Decision, name: string): boolean {
  const requirement = ownValue<KindRequirement>(kind.data.requirements, name);
  if (!requirement) return false;
  return listedEvidence(records, decision, requirement.listed_in).some(({ evidence }) => {
    if (evidence.data.kind !== requirement.evidence) return false;
    const matches = (requirement.matches ?? []).every((field) => {
      const own = decision[field];
      return typeof own === 'string' && own !== '' && ownValue(evidence.data, field) === own;
    });
    const where = Object.entries(requirement.where ?? {}).every(([field, value]) => ownValue(evidence.data, field) === value);
    return matches && where;
  });
}

/** Does the condition (`unblocked_when`, `done_when`, `empty_unless`) hold in this state? */
export function conditionHolds(records: RecordSet, kind: LoadedKind, decision: Decision, stateId: string, condition: Condition): boolean {
  if (condition.states && !condition.states.includes(stateId)) return false;
  return unmetRequirements(records, kind, decision, condition.requirements ?? []).length === 0;
}

/** What a condition that does not hold lacks: "it is in state x" and/or "it does not list …". */
export function describeUnmet(records: RecordSet, kind: LoadedKind, decision: Decision, stateId: string, condition: Condition): string {
  const parts: string[] = [];
  if (condition.states && !condition.states.includes(stateId)) parts.push(`it is not in state ${condition.states.join(' or ')}`);
  const unmet = unmetRequirements(records, kind, decision, condition.requirements ?? []);
  if (unmet.length > 0)
    parts.push(`it does not list ${unmet.map((name) => describeRequirement(kind.data.requirements![name]!)).join(' and ')}`);
  return parts.join(', and ');
}

/** The requirements among `names` that do not hold. */
export function unmetRequirements(records: RecordSet, kind: LoadedKind, decision: Decision, names: readonly string[]): string[] {
  return names.filter((name) => !requirementHolds(records, kind, decision, name));
}
