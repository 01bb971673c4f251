import { defineRule } from './define-rule.ts';

export const dp602 = defineRule({
  id: 'DP602',
  name: 'secret-scanner-unavailable',
  title: 'The secret scanner runs',
  refusal: 9,
  hint: 'Reinstall dependencies (npm install). The build never passes without a secret scan.',
  messages: {
    content: (d: { error: string }) => `The secret scanner could not load or run (${d.error}); the content cannot be published unscanned.`,
    output: (d: { error: string }) =>
      `The secret scanner could not load or run (${d.error}); the built site cannot be published unscanned.`,
  },
});
