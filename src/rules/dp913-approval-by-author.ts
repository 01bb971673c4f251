// DP913: the record's author does not count towards a quorum whose policy excludes them.
import { defineRule } from './define-rule.ts';

export const dp913 = defineRule({
  id: 'DP913',
  name: 'approval-by-author',
  title: "The record's author does not count towards a quorum whose policy excludes them",
  refusal: 15,
  hint: "Ask another member of the policy's group to approve. The author is the roster person whose email wrote the commit that first added the record.",
  messages: {
    author: (data: { field: string; state: string }) =>
      `The entry names the record's author (the commit that first added it), and the policy for ${data.state} says the author does not count.`,
    unknown: (data: { field: string; state: string; reason: string }) =>
      `The policy for ${data.state} excludes the record's author, who cannot be found: ${data.reason}.`,
  },
});
