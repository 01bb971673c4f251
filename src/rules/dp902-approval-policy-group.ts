// DP902: an approval policy names a roster group that exists.
import { defineRule } from './define-rule.ts';

export const dp902 = defineRule({
  id: 'DP902',
  name: 'approval-policy-group',
  title: 'An approval policy names a roster group that exists',
  refusal: 15,
  hint: "Add the group to roster.yaml (groups: {<name>: [person ids]}), or name an existing group in the kind's approvals.policies.",
  messages: {
    noRoster: () => 'The policy needs a roster group, and the content has no roster.yaml.',
    unknownGroup: () => 'The policy names a group that roster.yaml does not declare.',
  },
});
