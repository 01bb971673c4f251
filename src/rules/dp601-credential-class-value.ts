import { defineRule } from './define-rule.ts';
import { schemaMessage } from './schema-message.ts';

export const dp601 = defineRule({
  id: 'DP601',
  name: 'credential-class-value',
  title: 'Class fields hold class names, not values',
  refusal: 9,
  hint: 'Use a class name: lowercase letters, digits, "-" and "_", at most 64 characters, e.g. no-secret, local-only, ci-secret-store.',
  messages: {
    ...schemaMessage,
  },
});
