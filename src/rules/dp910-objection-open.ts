// DP910: no open objection or concern while the policy says they block.
import { defineRule } from './define-rule.ts';

export const dp910 = defineRule({
  id: 'DP910',
  name: 'objection-open',
  title: 'No open objection or concern while the policy says they block',
  refusal: 15,
  hint: 'Address the objection, then ask its author to approve (their latest entry counts), or have the concern resolved (disposition resolve, by its raiser or a chair).',
  messages: {
    objection: (_data: { field: string }) => `The entry is an objection to the current content, and the policy says objections block.`,
    concern: (_data: { field: string }) => `The entry raises a concern that no entry resolves, and the policy says concerns block.`,
  },
});
