// DP400: an `empty_or_line` field is non-empty only when its requirement (`admitted_by`) holds.
import { defineRule } from './define-rule.ts';
import { ownValue } from '../core/own-value.ts';
import type { Issue } from '../core/issue.ts';
import { fieldAt, type Gate } from '../core/record-set.ts';
import { describeRequirement } from '../kinds/compile-kind.ts';
import { decisionsInKinds, requirementHolds } from '../gates/decision-evidence.ts';

const valueNotAdmitted: Gate = (records) => {
  const issues: Issue[] = [];
  for (const { decision, kind, state } of decisionsInKinds(records)) {
    // Fields admitted by the same requirement are judged together, reported at the first one set.
    const byRequirement = new Map<string, string[]>();
    for (const [name, spec] of state.fields) {
      if (spec.type !== 'empty_or_line' || !spec.admitted_by) continue;
      byRequirement.set(spec.admitted_by, [...(byRequirement.get(spec.admitted_by) ?? []), name]);
    }
    for (const [requirement, fields] of byRequirement) {
      const set = fields.filter((name) => ownValue(decision.data, name) !== '');
      if (set.length === 0 || requirementHolds(records, kind, decision.data, requirement)) continue;
      const data = {
        stateField: kind.data.state_field,
        state: state.id,
        names: fields.join(' and '),
        requirement: describeRequirement(kind.data.requirements![requirement]!),
      };
      issues.push(dp400.report('notAdmitted', fieldAt(decision, set[0]!), data));
    }
  }
  return issues;
};

export const dp400 = defineRule({
  id: 'DP400',
  name: 'value-not-admitted',
  title: 'A field that must stay empty until admitted is set only when its requirement holds',
  refusal: 4,
  hint: 'Leave the field empty until the evidence its kind requires exists, then list that evidence in the decision.',
  messages: {
    notAdmitted: (d: { stateField: string; state: string; names: string; requirement: string }) =>
      `A decision whose ${d.stateField} is ${d.state} gives ${d.names} a value, but it does not list ${d.requirement}. Allowed: empty ${d.names}, or values that the listed evidence admits.`,
  },
  check: valueNotAdmitted,
});
