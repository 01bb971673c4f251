// Rule DP701: a role's work item with `unblocked_when.requirements` stays blocked until the decision lists that evidence.
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { describeRequirement, valueAtPath } from '../kinds/compile-kind.ts';
import { decisionsInKinds, unmetRequirements } from './decision-evidence.ts';

export const roleRequirementsGate: Gate = (records) => {
  const issues: Issue[] = [];
  for (const { decision, kind, state } of decisionsInKinds(records)) {
    for (const [roleId, role] of Object.entries(kind.data.roles ?? {})) {
      const required = role.unblocked_when?.requirements;
      if (!required) continue;
      // A role also bound to states is judged by DP700 first: outside them it stays blocked anyway.
      if (role.unblocked_when?.states && !role.unblocked_when.states.includes(state.id)) continue;
      const item = records.workItems.get(String(valueAtPath(decision.data, role.field)));
      if (!item || item.data.status === 'blocked') continue;
      if (unmetRequirements(records, kind, decision.data, required).length === 0) continue;
      const wanted = required.map((name) => describeRequirement(kind.data.requirements![name]!)).join(' and ');
      issues.push(
        issueAt(
          'DP701',
          item,
          'status',
          `status of this work item must be blocked: it is the ${roleId} (${role.field}) of decision "${decision.id}", and that decision does not list ${wanted}. Another status is allowed only when it lists all of them.`,
        ),
      );
    }
  }
  return issues;
};
