import { defineRule } from './define-rule.ts';
import { schemaMessage } from './schema-message.ts';

export const dp206 = defineRule({
  id: 'DP206',
  name: 'evidence-shape',
  title: 'Evidence reference fields have the right types and no unknown keys',
  refusal: 13,
  hint: 'An evidence reference takes title, kind (an evidence kind a decision kind declares), repository, path, commit, optional packets, and the extra fields its evidence kind declares.',
  messages: {
    ...schemaMessage,
    kindRequired: (d: { allowed: string }) => `Field kind is required; it must be ${d.allowed}.`,
    kindUnknown: (d: { allowed: string; guess: string }) => `kind must be ${d.allowed}.${d.guess}`,
  },
});
