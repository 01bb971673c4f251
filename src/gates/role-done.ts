// Rule DP702: a role's work item with `done_requires` is done only when the decision lists the evidence those requirements name.
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { describeRequirement, valueAtPath } from '../kinds/compile-kind.ts';
import { decisionsInKinds, unmetRequirements } from './decision-evidence.ts';

export const roleDoneGate: Gate = (records) => {
  const issues: Issue[] = [];
  for (const { decision, kind } of decisionsInKinds(records)) {
    for (const [roleId, role] of Object.entries(kind.data.roles ?? {})) {
      if (!role.done_requires) continue;
      const item = records.workItems.get(String(valueAtPath(decision.data, role.field)));
      if (!item || item.data.status !== 'done') continue;
      if (unmetRequirements(records, kind, decision.data, role.done_requires).length === 0) continue;
      const wanted = role.done_requires.map((name) => describeRequirement(kind.data.requirements![name]!)).join(' and ');
      issues.push(
        issueAt(
          'DP702',
          item,
          'status',
          `status of this work item is done, but it is the ${roleId} (${role.field}) of decision "${decision.id}", which does not list ${wanted}. Allowed: blocked, candidate or in_progress until it lists all of them.`,
        ),
      );
    }
  }
  return issues;
};
