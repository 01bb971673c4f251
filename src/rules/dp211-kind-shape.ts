import { defineRule } from './define-rule.ts';
import { schemaMessage } from './schema-message.ts';

export const dp211 = defineRule({
  id: 'DP211',
  name: 'kind-shape',
  title: 'A kind file has the shape of a kind',
  refusal: 14,
  hint: 'See "How to write a kind" in the README: title, state_field, safe_state, common, states, transitions, evidence_kinds, and optionally field_groups, term_lists, requirements, roles, flags, page and criteria.',
  messages: {
    ...schemaMessage,
    retiredKey: (d: { field: string; replacement: string }) => `${d.field} is no longer part of the kind vocabulary: ${d.replacement}.`,
    renamedKey: (d: { field: string; renamed: string }) => `${d.field} was renamed: write ${d.renamed}.`,
  },
});
