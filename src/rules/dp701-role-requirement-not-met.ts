// DP701: a role's work item with `unblocked_when.requirements` stays blocked until the decision
// lists the evidence those requirements name.
import { defineRule } from './define-rule.ts';
import type { Issue } from '../core/issue.ts';
import { fieldAt, type Gate } from '../core/record-set.ts';
import { describeRequirement } from '../kinds/compile-kind.ts';
import { gatedWorkItems, unmetRequirements } from '../gates/decision-evidence.ts';

const roleRequirements: Gate = (records) => {
  const issues: Issue[] = [];
  for (const { decision, kind, state, role, item, names } of gatedWorkItems(records)) {
    const required = role.unblocked_when?.requirements;
    if (!required || item.data.status === 'blocked') continue;
    // A role also bound to states is judged by DP700 first: outside them it stays blocked anyway.
    if (role.unblocked_when?.states && !role.unblocked_when.states.includes(state.id)) continue;
    if (unmetRequirements(records, kind, decision.data, required).length === 0) continue;
    const wanted = required.map((name) => describeRequirement(kind.data.requirements![name]!)).join(' and ');
    issues.push(dp701.report('blocked', fieldAt(item, 'status'), { ...names, wanted }));
  }
  return issues;
};

export const dp701 = defineRule({
  id: 'DP701',
  name: 'role-requirement-not-met',
  title: 'A gated work item stays blocked until the evidence its role requires is listed',
  refusal: 11,
  hint: 'Set the work item status to blocked until the decision lists the evidence its role requires (the packet page names it).',
  messages: {
    blocked: (d: { role: string; roleField: string; decision: string; wanted: string }) =>
      `status of this work item must be blocked: it is the ${d.role} (${d.roleField}) of decision "${d.decision}", and that decision does not list ${d.wanted}. Another status is allowed only when it lists all of them.`,
  },
  check: roleRequirements,
});
