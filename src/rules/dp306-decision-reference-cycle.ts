// DP306: following one decision_ref field (e.g. superseded_by) from decision to decision never
// leads back to where it started.
import { defineRule } from './define-rule.ts';
import type { Issue } from '../core/issue.ts';
import { fieldAt, type Gate } from '../core/record-set.ts';
import { pathsOfType, valueAtPath } from '../kinds/compile-kind.ts';
import { decisionsInKinds } from '../gates/decision-evidence.ts';

const referenceCycles: Gate = (records) => {
  const issues: Issue[] = [];
  // Per field name, each decision's outgoing reference.
  const edges = new Map<string, Map<string, string>>();
  for (const { decision, state } of decisionsInKinds(records)) {
    for (const field of pathsOfType(state.fields, 'decision_ref')) {
      const target = valueAtPath(decision.data, field);
      if (typeof target !== 'string') continue;
      if (!edges.has(field)) edges.set(field, new Map());
      edges.get(field)!.set(decision.id, target);
    }
  }
  for (const [field, next] of edges) {
    for (const start of next.keys()) {
      const seen = new Set<string>([start]);
      let current = next.get(start);
      while (current !== undefined && !seen.has(current)) {
        seen.add(current);
        current = next.get(current);
      }
      if (current !== start) continue;
      const decision = records.decisions.get(start)!;
      issues.push(dp306.report('cycle', fieldAt(decision, field), { field, decision: start, others: seen.size - 1 }));
    }
  }
  return issues;
};

export const dp306 = defineRule({
  id: 'DP306',
  name: 'decision-reference-cycle',
  title: 'Decisions referring to each other through one field form no cycle',
  refusal: 6,
  hint: 'Break the cycle: a decision cannot, through a chain of the same field, refer back to itself (e.g. supersede a decision that supersedes it).',
  messages: {
    cycle: (d: { field: string; decision: string; others: number | string }) =>
      `${d.field} starts a cycle: following ${d.field} from decision "${d.decision}" through ${d.others} other decision(s) leads back to it.`,
  },
  check: referenceCycles,
});
