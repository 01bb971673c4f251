// Rule family: the approval files themselves: the roster's shape (DP900), an approvals file's
// shape and what it belongs to (DP901), and a policy naming a group the roster lacks (DP902).
import { approvalRule } from './rule.ts';

export const rosterShape = approvalRule({
  id: 'DP900',
  name: 'roster-shape',
  title: 'roster.yaml has the shape of a roster',
  refusal: 15,
  hint: 'roster.yaml takes people (id, name, emails, keys: SSH public key lines), groups (name: [person ids]), an optional chair_group and changes (the policy a roster change needs). See README "Approvals".',
  messages: {
    duplicatePerson: (data: { index: number }) => `people[${data.index}].id repeats an earlier person's id; each person appears once.`,
    unknownMember: (data: { group: string; index: number }) => `groups.${data.group}[${data.index}] names no person of the roster.`,
    unknownGroup: () => 'The field names a group that groups does not declare.',
    badKey: (data: { index: number; key: number }) => `people[${data.index}].keys[${data.key}] is not an SSH public key that parses (its type and its base64 data disagree).`,
    sharedKey: (data: { index: number; key: number }) => `people[${data.index}].keys[${data.key}] is also another person's key; a key names one person.`,
  },
});

export const approvalsShape = approvalRule({
  id: 'DP901',
  name: 'approvals-file',
  title: 'Approval entries have the right shape and belong to a record',
  refusal: 15,
  hint: 'An approvals file is decisions/<packet-id>.approvals.yaml (or roster.approvals.yaml) with "approvals": a list of {by, disposition: approve|object|concern|resolve, concern (for concern/resolve), content: sha256:…, signature}. Write entries with `decision-packet approve`.',
  messages: {
    noPacket: () => 'The approvals file names no decision: there is no decisions/<id>.yaml, .json or .md with its id.',
  },
});

export const policyGroup = approvalRule({
  id: 'DP902',
  name: 'approval-policy-group',
  title: 'An approval policy names a roster group that exists',
  refusal: 15,
  hint: 'Add the group to roster.yaml (groups: {<name>: [person ids]}), or name an existing group in the kind\'s approvals.policies.',
  messages: {
    noRoster: () => 'The policy needs a roster group, and the content has no roster.yaml.',
    unknownGroup: () => 'The policy names a group that roster.yaml does not declare.',
  },
});
