// DP702: a role's work item with `done_requires` is done only when the decision lists the
// evidence those requirements name.
import { defineRule } from './define-rule.ts';
import type { Issue } from '../core/issue.ts';
import { fieldAt, type Gate } from '../core/record-set.ts';
import { describeRequirement, valueAtPath } from '../kinds/compile-kind.ts';
import { decisionsInKinds, unmetRequirements } from '../gates/decision-evidence.ts';

const roleDone: Gate = (records) => {
  const issues: Issue[] = [];
  for (const { decision, kind } of decisionsInKinds(records)) {
    for (const [roleId, role] of Object.entries(kind.data.roles ?? {})) {
      if (!role.done_requires) continue;
      const item = records.workItems.get(String(valueAtPath(decision.data, role.field)));
      if (!item || item.data.status !== 'done') continue;
      if (unmetRequirements(records, kind, decision.data, role.done_requires).length === 0) continue;
      const wanted = role.done_requires.map((name) => describeRequirement(kind.data.requirements![name]!)).join(' and ');
      const data = { role: roleId, roleField: role.field, decision: decision.id, wanted };
      issues.push(dp702.report('done', fieldAt(item, 'status'), data));
    }
  }
  return issues;
};

export const dp702 = defineRule({
  id: 'DP702',
  name: 'role-done-without-evidence',
  title: 'A gated work item is done only with the evidence its role requires for done',
  refusal: 11,
  hint: 'Keep the work item open until the decision lists the evidence its role requires for done.',
  messages: {
    done: (d: { role: string; roleField: string; decision: string; wanted: string }) =>
      `status of this work item is done, but it is the ${d.role} (${d.roleField}) of decision "${d.decision}", which does not list ${d.wanted}. Allowed: blocked, candidate or in_progress until it lists all of them.`,
  },
  check: roleDone,
});
