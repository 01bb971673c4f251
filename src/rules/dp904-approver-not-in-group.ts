// DP904: an approval counts only from a member of the group its policy names.
import { defineRule } from './define-rule.ts';

export const dp904 = defineRule({
  id: 'DP904',
  name: 'approver-not-in-group',
  title: 'An approval counts only from a member of the group its policy names',
  refusal: 15,
  hint: "Ask a member of the policy's group to approve, or add the person to the group in a reviewed roster change of its own.",
  messages: {
    notMember: (data: { field: string; group: string; state: string }) =>
      `The entry names a person outside group ${data.group}, whose approval the policy for ${data.state} requires.`,
  },
});
