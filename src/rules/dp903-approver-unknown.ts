// DP903: an approval entry names a person of the roster (of the base commit, with check --base).
import { defineRule } from './define-rule.ts';

export const dp903 = defineRule({
  id: 'DP903',
  name: 'approver-unknown',
  title: 'An approval entry names a person of the roster',
  refusal: 15,
  hint: 'Add the person to roster.yaml in a change of its own (check --base judges approvals with the base commit\'s roster), or correct "by".',
  messages: {
    notInRoster: (data: { field: string; base: boolean }) =>
      `The entry names a person who is not in the roster${data.base ? ' of the base commit (a change cannot add a person and count their approval)' : ''}.`,
  },
});
