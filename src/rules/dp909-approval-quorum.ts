// DP909: a state with an approval policy has the approvals it needs (the quorum).
import { defineRule } from './define-rule.ts';

export const dp909 = defineRule({
  id: 'DP909',
  name: 'approval-quorum',
  title: 'A state with an approval policy has the approvals it needs',
  refusal: 15,
  hint: "Ask members of the policy's group to approve the current content (decision-packet approve <packet>); the packet page lists who may.",
  messages: {
    notMet: (data: { field: string; state: string; needed: number; group: string; level: string; have: number; transition: boolean }) =>
      `${data.transition ? 'Moving into ' : 'State '}${data.state} needs ${data.needed} ${data.level === 'signed' ? 'signed ' : ''}approval${data.needed === 1 ? '' : 's'} of the current content from group ${data.group}; ${data.have} count${data.have === 1 ? 's' : ''}.`,
  },
});
