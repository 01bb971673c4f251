// DP912: a roster change has the approvals the base commit's roster asks for (check --base).
import { defineRule } from './define-rule.ts';

export const dp912 = defineRule({
  id: 'DP912',
  name: 'roster-change-unapproved',
  title: "A roster change has the approvals the base commit's roster asks for",
  refusal: 15,
  hint: 'Have the roster\'s "changes" group (as the base commit names it) approve the new roster: decision-packet approve --roster writes roster.approvals.yaml.',
  messages: {
    notMet: (data: { needed: number; group: string; have: number }) =>
      `The change edits roster.yaml; the base commit's roster needs ${data.needed} approval${data.needed === 1 ? '' : 's'} of the new roster from group ${data.group}, and ${data.have} count${data.have === 1 ? 's' : ''}.`,
  },
});
