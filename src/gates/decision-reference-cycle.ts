// Rule DP306: following one decision_ref field (e.g. superseded_by) from decision to decision never leads back to where it started.
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { pathsOfType, valueAtPath } from '../kinds/compile-kind.ts';
import { decisionsInKinds } from './decision-evidence.ts';

export const decisionReferenceCycleGate: Gate = (records) => {
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
      issues.push(issueAt('DP306', decision, field, `${field} starts a cycle: following ${field} from decision "${start}" through ${seen.size - 1} other decision(s) leads back to it.`));
    }
  }
  return issues;
};
