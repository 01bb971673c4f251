// Rule DP700: a role's work item with `unblocked_when.states` stays blocked unless the decision is in one of them.
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { valueAtPath } from '../kinds/compile-kind.ts';
import { decisionsInKinds } from './decision-evidence.ts';

export const roleStateGate: Gate = (records) => {
  const issues: Issue[] = [];
  for (const { decision, kind, state } of decisionsInKinds(records)) {
    for (const [roleId, role] of Object.entries(kind.data.roles ?? {})) {
      const states = role.unblocked_when?.states;
      if (!states || states.includes(state.id)) continue;
      const item = records.workItems.get(String(valueAtPath(decision.data, role.field)));
      if (!item || item.data.status === 'blocked') continue;
      const field = kind.data.state_field;
      issues.push(
        issueAt(
          'DP700',
          item,
          'status',
          `status of this work item must be blocked: it is the ${roleId} (${role.field}) of decision "${decision.id}", whose ${field} is ${state.id}. Only ${field} ${states.join(' or ')} allows another status.`,
        ),
      );
    }
  }
  return issues;
};
