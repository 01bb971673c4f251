// Rule DP400: a field with `empty_unless` is non-empty only when its condition holds.
import { ownValue } from '../core/own-value.ts';
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import type { Condition } from '../schemas/kind.ts';
import { conditionHolds, decisionsInKinds, describeUnmet } from './decision-evidence.ts';

export const valueNotAdmittedGate: Gate = (records) => {
  const issues: Issue[] = [];
  for (const { decision, kind, state } of decisionsInKinds(records)) {
    // Fields under the same condition are judged together, reported at the first one set.
    const byCondition = new Map<string, { condition: Condition; fields: string[] }>();
    for (const [name, spec] of state.fields) {
      if (!spec.empty_unless) continue;
      const key = JSON.stringify(spec.empty_unless);
      const entry = byCondition.get(key) ?? { condition: spec.empty_unless, fields: [] };
      byCondition.set(key, { ...entry, fields: [...entry.fields, name] });
    }
    for (const { condition, fields } of byCondition.values()) {
      const set = fields.filter((name) => ownValue(decision.data, name) !== '');
      if (set.length === 0 || conditionHolds(records, kind, decision.data, state.id, condition)) continue;
      const names = fields.join(' and ');
      issues.push(
        issueAt(
          'DP400',
          decision,
          set[0]!,
          `A decision whose ${kind.data.state_field} is ${state.id} gives ${names} a value, but ${describeUnmet(records, kind, decision.data, state.id, condition)}. Allowed: empty ${names}, or values that the listed evidence admits.`,
        ),
      );
    }
  }
  return issues;
};
