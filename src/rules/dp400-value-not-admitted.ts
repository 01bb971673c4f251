// DP400: a field with `empty_unless` is non-empty only when its condition holds.
import { defineRule } from './define-rule.ts';
import { ownValue } from '../core/own-value.ts';
import type { Issue } from '../core/issue.ts';
import { fieldAt, type Gate } from '../core/record-set.ts';
import type { CompiledState } from '../kinds/compile-kind.ts';
import type { Condition } from '../schemas/kind.ts';
import { conditionHolds, decisionsInKinds, describeUnmet } from '../gates/decision-evidence.ts';

/** The state's fields under each distinct `empty_unless` condition, in declaration order. */
function fieldsByCondition(state: CompiledState): { condition: Condition; fields: string[] }[] {
  const byCondition = new Map<string, { condition: Condition; fields: string[] }>();
  for (const [name, spec] of state.fields) {
    if (!spec.empty_unless) continue;
    const key = JSON.stringify(spec.empty_unless);
    const entry = byCondition.get(key) ?? { condition: spec.empty_unless, fields: [] };
    byCondition.set(key, { ...entry, fields: [...entry.fields, name] });
  }
  return [...byCondition.values()];
}

const valueNotAdmitted: Gate = (records) => {
  const issues: Issue[] = [];
  for (const { decision, kind, state } of decisionsInKinds(records)) {
    // Fields under the same condition are judged together, reported at the first one set.
    for (const { condition, fields } of fieldsByCondition(state)) {
      const set = fields.filter((name) => ownValue(decision.data, name) !== '');
      if (set.length === 0 || conditionHolds(records, kind, decision.data, state.id, condition)) continue;
      const data = {
        stateField: kind.data.state_field,
        state: state.id,
        names: fields.join(' and '),
        unmet: describeUnmet(records, kind, decision.data, state.id, condition),
      };
      issues.push(dp400.report('notAdmitted', fieldAt(decision, set[0]!), data));
    }
  }
  return issues;
};

export const dp400 = defineRule({
  id: 'DP400',
  name: 'value-not-admitted',
  title: 'A field that must stay empty until admitted is set only when its condition holds',
  refusal: 4,
  hint: 'Leave the field empty until the evidence its kind requires exists, then list that evidence in the decision.',
  messages: {
    notAdmitted: (d: { stateField: string; state: string; names: string; unmet: string }) =>
      `A decision whose ${d.stateField} is ${d.state} gives ${d.names} a value, but ${d.unmet}. ` +
      `Allowed: empty ${d.names}, or values that the listed evidence admits.`,
  },
  check: valueNotAdmitted,
});
