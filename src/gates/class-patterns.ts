// Rule DP204 (class rules): a `class` field whose state declares `patterns` holds a class matching one of them.
import { ownValue } from '../core/own-value.ts';
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { classMatches, describePatterns } from '../kinds/class-patterns.ts';
import { decisionsInKinds } from './decision-evidence.ts';

export const classPatternsGate: Gate = (records) => {
  const issues: Issue[] = [];
  for (const { decision, kind, state } of decisionsInKinds(records)) {
    for (const [name, spec] of state.fields) {
      const value = ownValue(decision.data, name);
      // Only type class takes patterns (src/field-types/class.ts; DP212 refuses them elsewhere).
      if (!spec.patterns || typeof value !== 'string' || classMatches(spec.patterns, value)) continue;
      issues.push(issueAt('DP204', decision, name, `${name} must be ${describePatterns(spec.patterns)} when ${kind.data.state_field} is ${state.id}.`));
    }
  }
  return issues;
};
