import { defineRule } from './define-rule.ts';
import { schemaMessage } from './schema-message.ts';

export const dp205 = defineRule({
  id: 'DP205',
  name: 'decision-shape',
  title: 'Decision record fields have the right types and no unknown keys',
  refusal: 13,
  hint: "Use the fields the decision's kind declares; editors can check them with the JSON Schema published at /schemas/<kind>.schema.json.",
  messages: {
    ...schemaMessage,
    notMapping: () => 'The decision record must be a mapping of fields.',
    unknownField: (d: { field: string; kind: string; guess: string }) => `${d.field} is not a field of kind ${d.kind}.${d.guess}`,
    otherState: (d: { field: string; state: string; states: string }) =>
      `${d.field} is not a field of state ${d.state}; it belongs to ${d.states}.`,
    unknownInState: (d: { field: string; kind: string; state: string; guess: string }) =>
      `${d.field} is not a field of kind ${d.kind} in state ${d.state}.${d.guess}`,
  },
});
