// Rule DP702: a role's work item with `done_when` is done only when that condition holds.
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { valueAtPath } from '../kinds/compile-kind.ts';
import { conditionHolds, decisionsInKinds, describeUnmet } from './decision-evidence.ts';

export const roleDoneGate: Gate = (records) => {
  const issues: Issue[] = [];
  for (const { decision, kind, state } of decisionsInKinds(records)) {
    for (const [roleId, role] of Object.entries(kind.data.roles ?? {})) {
      if (!role.done_when) continue;
      const item = records.workItems.get(String(valueAtPath(decision.data, role.field)));
      if (!item || item.data.status !== 'done') continue;
      if (conditionHolds(records, kind, decision.data, state.id, role.done_when)) continue;
      issues.push(
        issueAt(
          'DP702',
          item,
          'status',
          `status of this work item is done, but it is the ${roleId} (${role.field}) of decision "${decision.id}", and ${describeUnmet(records, kind, decision.data, state.id, role.done_when)}. Allowed: blocked, candidate or in_progress until it lists all of them.`,
        ),
      );
    }
  }
  return issues;
};
