// DP700: a role's work item with `unblocked_when.states` stays blocked unless the decision is in
// one of them.
import { defineRule } from './define-rule.ts';
import type { Issue } from '../core/issue.ts';
import { fieldAt, type Gate } from '../core/record-set.ts';
import { gatedWorkItems } from '../gates/decision-evidence.ts';

const roleState: Gate = (records) => {
  const issues: Issue[] = [];
  for (const { kind, state, role, item, names } of gatedWorkItems(records)) {
    const states = role.unblocked_when?.states;
    if (!states || states.includes(state.id) || item.data.status === 'blocked') continue;
    const data = { ...names, stateField: kind.data.state_field, state: state.id, states: states.join(' or ') };
    issues.push(dp700.report('blocked', fieldAt(item, 'status'), data));
  }
  return issues;
};

export const dp700 = defineRule({
  id: 'DP700',
  name: 'role-state-not-reached',
  title: 'A gated work item stays blocked unless the decision is in a state that releases it',
  refusal: 10,
  hint: 'Set the work item status to blocked, or record the state its role is released in first (the packet page names it).',
  messages: {
    blocked: (d: { role: string; roleField: string; decision: string; stateField: string; state: string; states: string }) =>
      `status of this work item must be blocked: it is the ${d.role} (${d.roleField}) of decision "${d.decision}", whose ${d.stateField} is ${d.state}. Only ${d.stateField} ${d.states} allows another status.`,
  },
  check: roleState,
});
