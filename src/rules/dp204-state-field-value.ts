// DP204: a state's fields hold the values and classes the state requires. The schema pass
// reports plain value errors; this rule's check judges `class` fields against the state's patterns.
import { defineRule } from './define-rule.ts';
import { ownValue } from '../core/own-value.ts';
import type { Issue } from '../core/issue.ts';
import { fieldAt, type Gate } from '../core/record-set.ts';
import { classMatches, describePatterns } from '../kinds/class-patterns.ts';
import { decisionsInKinds } from '../gates/decision-evidence.ts';
import { schemaMessage } from './schema-message.ts';

const classPatterns: Gate = (records) => {
  const issues: Issue[] = [];
  for (const { decision, kind, state } of decisionsInKinds(records)) {
    for (const [name, spec] of state.fields) {
      const value = ownValue(decision.data, name);
      // Only type class takes patterns (src/field-types/class.ts; DP212 refuses them elsewhere).
      if (!spec.patterns || typeof value !== 'string' || classMatches(spec.patterns, value)) continue;
      const data = { field: name, patterns: describePatterns(spec.patterns), stateField: kind.data.state_field, state: state.id };
      issues.push(dp204.report('pattern', fieldAt(decision, name), data));
    }
  }
  return issues;
};

export const dp204 = defineRule({
  id: 'DP204',
  name: 'state-field-value',
  title: "A state's fields hold the values and classes the state requires",
  refusal: 3,
  hint: "Copy the exact value the state requires (see the packet page's list of states and their required fields).",
  messages: {
    ...schemaMessage,
    pattern: (d: { field: string; patterns: string; stateField: string; state: string }) =>
      `${d.field} must be ${d.patterns} when ${d.stateField} is ${d.state}.`,
    exact: (d: { field: string; state: string; template: string }) =>
      `${d.field} must be exactly the text that state ${d.state} requires, "${d.template}", with each field in braces replaced by this record's own value.`,
  },
  check: classPatterns,
});
