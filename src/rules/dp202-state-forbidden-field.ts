import { defineRule } from './define-rule.ts';
import { schemaMessage } from './schema-message.ts';

export const dp202 = defineRule({
  id: 'DP202',
  name: 'state-forbidden-field',
  title: 'A record carries no field its state forbids',
  refusal: 2,
  hint: "Remove the field, or change the state field to the state the field belongs to. A record in its safe state with another state's fields would read like that state.",
  messages: {
    ...schemaMessage,
    forbidden: (d: { field: string; stateField: string; state: string }) => `${d.field} is not allowed when ${d.stateField} is ${d.state}.`,
    forbiddenGroup: (d: { field: string; stateField: string; state: string; group: string }) =>
      `${d.field} is not allowed when ${d.stateField} is ${d.state}: it belongs to field group ${d.group}, and a record in this state carries none of them.`,
  },
});
