import { defineRule } from './define-rule.ts';
import { schemaMessage } from './schema-message.ts';

export const dp203 = defineRule({
  id: 'DP203',
  name: 'state-field-missing',
  title: 'A record has every field its state requires',
  refusal: 3,
  hint: "Add the missing field. The packet page lists each state's required fields; the kind file declares them under states.<state>.requires.",
  messages: {
    ...schemaMessage,
    required: (d: { field: string; stateField: string; state: string }) =>
      `Field ${d.field} is required when ${d.stateField} is ${d.state}.`,
  },
});
