// DP906: an approval is signed when its policy asks for signed approvals.
import { defineRule } from './define-rule.ts';

export const dp906 = defineRule({
  id: 'DP906',
  name: 'approval-unsigned',
  title: 'An approval is signed when its policy asks for signed approvals',
  refusal: 15,
  hint: 'Sign the approval: `decision-packet approve <packet> --key <ssh key>` writes a signed entry. An unsigned entry is only a claim.',
  messages: {
    claim: (data: { field: string; state: string }) =>
      `The entry has no signature: it is an unsigned claim, and the policy for ${data.state} counts signed approvals only.`,
  },
});
