import { defineRule } from './define-rule.ts';

export const dp603 = defineRule({
  id: 'DP603',
  name: 'secret-in-output',
  title: 'No secret value in the built site',
  refusal: 9,
  hint: 'Find where the value enters the site (content or templates) and remove it; nothing was published.',
  messages: {
    binary: () => 'A secret value from the content is in this built (binary) file; it is not shown.',
    found: (d: { kind: string }) => `${d.kind} is in this built file; it is not shown.`,
    unreadable: (d: { error: string }) => `The built file could not be read for the secret scan (${d.error}).`,
  },
});
