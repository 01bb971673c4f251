// DP212 for a kind's approvals block: its policies name states the kind declares, and the hash
// never leaves out the fields that say what the decision is (kind and the state field).
import type { Issue } from '../core/issue.ts';
import { fieldAt } from '../core/record-set.ts';
import { dp212 } from '../rules/dp212-kind-reference.ts';
import type { PositionIndex } from '../reader/positions.ts';
import type { Kind } from '../schemas/kind.ts';

export function checkKindApprovals(target: { file: string; positions: PositionIndex }, kind: Kind): Issue[] {
  const approvals = kind.approvals;
  if (!approvals) return [];
  const issues: Issue[] = [];
  const at = (field: string, problem: string) => issues.push(dp212.report('reference', fieldAt(target, field), { problem }));
  const states = Object.keys(kind.states);
  for (const [state, policy] of Object.entries(approvals.policies)) {
    const base = `approvals.policies.${state}`;
    if (!Object.hasOwn(kind.states, state))
      at(base, `${base} names a state that the kind does not declare; its states are ${states.join(', ')}.`);
    (policy.from ?? []).forEach((from, index) => {
      if (!Object.hasOwn(kind.states, from))
        at(`${base}.from[${index}]`, `${base}.from[${index}] names a state that the kind does not declare.`);
    });
  }
  (approvals.exclude ?? []).forEach((field, index) => {
    if (field === 'kind' || field === kind.state_field)
      at(
        `approvals.exclude[${index}]`,
        `approvals.exclude[${index}] may not leave ${field} out of the content hash: an approval must name the state it approves.`,
      );
  });
  return issues;
}
