// Rule family: what a record's state (or the roster's change) needs as a whole: the quorum
// (DP909), no open objection or concern (DP910), and a roster changed only with the approvals
// its base commit's policy asks for (DP912).
import { approvalRule } from './rule.ts';

export const quorum = approvalRule({
  id: 'DP909',
  name: 'approval-quorum',
  title: 'A state with an approval policy has the approvals it needs',
  refusal: 15,
  hint: 'Ask members of the policy\'s group to approve the current content (decision-packet approve <packet>); the packet page lists who may.',
  messages: {
    notMet: (data: { field: string; state: string; needed: number; group: string; level: string; have: number; transition: boolean }) =>
      `${data.transition ? 'Moving into ' : 'State '}${data.state} needs ${data.needed} ${data.level === 'signed' ? 'signed ' : ''}approval${data.needed === 1 ? '' : 's'} of the current content from group ${data.group}; ${data.have} count${data.have === 1 ? 's' : ''}.`,
  },
});

export const objectionOpen = approvalRule({
  id: 'DP910',
  name: 'objection-open',
  title: 'No open objection or concern while the policy says they block',
  refusal: 15,
  hint: 'Address the objection, then ask its author to approve (their latest entry counts), or have the concern resolved (disposition resolve, by its raiser or a chair).',
  messages: {
    objection: (data: { field: string }) => `The entry is an objection to the current content, and the policy says objections block.`,
    concern: (data: { field: string }) => `The entry raises a concern that no entry resolves, and the policy says concerns block.`,
  },
});

export const rosterChange = approvalRule({
  id: 'DP912',
  name: 'roster-change-unapproved',
  title: 'A roster change has the approvals the base commit\'s roster asks for',
  refusal: 15,
  hint: 'Have the roster\'s "changes" group (as the base commit names it) approve the new roster: decision-packet approve --roster writes roster.approvals.yaml.',
  messages: {
    notMet: (data: { needed: number; group: string; have: number }) =>
      `The change edits roster.yaml; the base commit's roster needs ${data.needed} approval${data.needed === 1 ? '' : 's'} of the new roster from group ${data.group}, and ${data.have} count${data.have === 1 ? 's' : ''}.`,
  },
});
