// Rule DP401: a record in a state with `forbids_terms` names no term of that list, in any field.
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { joinPath } from '../reader/positions.ts';
import { decisionsInKinds } from './decision-evidence.ts';

/**
 * Every text value in a record, with its field path. `$schema` included: an editor hint is still
 * text the record publishes (decision.json), so a forbidden term may not hide there.
 */
function textFields(value: unknown, path: string, out: [string, string][]): [string, string][] {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((item, index) => textFields(item, joinPath(path, index), out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) textFields(item, joinPath(path, key), out);
  }
  return out;
}

export const forbiddenTermsGate: Gate = (records) => {
  const issues: Issue[] = [];
  for (const { decision, kind, state } of decisionsInKinds(records)) {
    if (!state.terms) continue;
    const allowing = [...kind.compiled.states.values()].filter((other) => !other.terms).map((other) => other.id);
    for (const [field, text] of textFields(decision.data, '', [])) {
      if (!state.terms.matches(text)) continue;
      issues.push(
        issueAt(
          'DP401',
          decision,
          field,
          `${field} names a term of list ${state.terms.list}, which a decision whose ${kind.data.state_field} is ${state.id} may not name in any field.${allowing.length > 0 ? ` States that allow it: ${allowing.join(', ')}.` : ''}`,
        ),
      );
    }
  }
  return issues;
};
