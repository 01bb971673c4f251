// Rule DP400: an `empty_or_line` field is non-empty only when its requirement (`admitted_by`) holds.
import { ownValue } from '../core/own-value.ts';
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { describeRequirement } from '../kinds/compile-kind.ts';
import { decisionsInKinds, requirementHolds } from './decision-evidence.ts';

export const valueNotAdmittedGate: Gate = (records) => {
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
      const names = fields.join(' and ');
      issues.push(
        issueAt(
          'DP400',
          decision,
          set[0]!,
          `A decision whose ${kind.data.state_field} is ${state.id} gives ${names} a value, but it does not list ${describeRequirement(kind.data.requirements![requirement]!)}. Allowed: empty ${names}, or values that the listed evidence admits.`,
        ),
      );
    }
  }
  return issues;
};
