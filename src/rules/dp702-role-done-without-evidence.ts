// DP702: a role's work item with `done_when` is done only when that condition holds.
import { defineRule } from './define-rule.ts';
import type { Issue } from '../core/issue.ts';
import { fieldAt, type Gate } from '../core/record-set.ts';
import { conditionHolds, describeUnmet, gatedWorkItems } from '../gates/decision-evidence.ts';

const roleDone: Gate = (records) => {
  const issues: Issue[] = [];
  for (const { decision, kind, state, role, item, names } of gatedWorkItems(records)) {
    if (!role.done_when || item.data.status !== 'done') continue;
    if (conditionHolds(records, kind, decision.data, state.id, role.done_when)) continue;
    const unmet = describeUnmet(records, kind, decision.data, state.id, role.done_when);
    issues.push(dp702.report('done', fieldAt(item, 'status'), { ...names, unmet }));
  }
  return issues;
};

export const dp702 = defineRule({
  id: 'DP702',
  name: 'role-done-without-evidence',
  title: 'A gated work item is done only when the condition its role sets for done holds',
  refusal: 11,
  hint: "Keep the work item open until the decision meets its role's done_when (the packet page names it).",
  messages: {
    done: (d: { role: string; roleField: string; decision: string; unmet: string }) =>
      `status of this work item is done, but it is the ${d.role} (${d.roleField}) of decision "${d.decision}", and ${d.unmet}. ` +
      'Allowed: blocked, candidate or in_progress until it lists all of them.',
  },
  check: roleDone,
});
