// DP401: a record in a state with `forbids_terms` names no term of that list, in any field.
import { defineRule } from './define-rule.ts';
import type { Issue } from '../core/issue.ts';
import { fieldAt, type Gate } from '../core/record-set.ts';
import { joinPath } from '../reader/positions.ts';
import { decisionsInKinds } from '../gates/decision-evidence.ts';

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

const forbiddenTerms: Gate = (records) => {
  const issues: Issue[] = [];
  for (const { decision, kind, state } of decisionsInKinds(records)) {
    if (!state.terms) continue;
    const allowing = [...kind.compiled.states.values()].filter((other) => !other.terms).map((other) => other.id);
    for (const [field, text] of textFields(decision.data, '', [])) {
      if (!state.terms.matches(text)) continue;
      const data = {
        field,
        list: state.terms.list,
        stateField: kind.data.state_field,
        state: state.id,
        allowing: allowing.length > 0 ? ` States that allow it: ${allowing.join(', ')}.` : '',
      };
      issues.push(dp401.report('term', fieldAt(decision, field), data));
    }
  }
  return issues;
};

export const dp401 = defineRule({
  id: 'DP401',
  name: 'forbidden-term',
  title: 'A record names no term its state forbids, in any field',
  refusal: 4,
  hint: 'Remove the term, or record the state that allows it.',
  messages: {
    term: (d: { field: string; list: string; stateField: string; state: string; allowing: string }) =>
      `${d.field} names a term of list ${d.list}, which a decision whose ${d.stateField} is ${d.state} may not name in any field.${d.allowing}`,
  },
  check: forbiddenTerms,
});
