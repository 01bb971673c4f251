import { defineRule } from './define-rule.ts';

export const dp201 = defineRule({
  id: 'DP201',
  name: 'decision-state',
  title: "A decision's state field holds one of its kind's states",
  refusal: 1,
  hint: 'Set the state field to one of the states its kind declares (kinds/<kind>.yaml, "states"); the safe state is the kind\'s safe_state.',
  messages: {
    required: (d: { stateField: string; states: string }) => `Field ${d.stateField} is required; it must be one of ${d.states}.`,
    notAState: (d: { stateField: string; states: string; guess: string }) =>
      `${d.stateField} must be one of ${d.states}; the value given is none of them.${d.guess}`,
  },
});
