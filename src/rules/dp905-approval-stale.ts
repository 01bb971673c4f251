// DP905: an approval counts only for the content it was given to.
import { defineRule } from './define-rule.ts';

export const dp905 = defineRule({
  id: 'DP905',
  name: 'approval-stale',
  title: 'An approval counts only for the content it was given to',
  refusal: 15,
  hint: 'The record changed after this entry was made. Ask for a new approval of the current content (decision-packet approve), or undo the change.',
  messages: {
    stale: (_data: { field: string }) =>
      `The entry's content is the hash of an earlier content of the record; the approval is stale and does not count.`,
  },
});
