// Rule family: one approval entry and what it proves: a person of the roster (DP903) in the
// required group (DP904), given to the current content (DP905), signed when the policy asks
// (DP906), with a signature that verifies (DP907) by a key the roster gives that person (DP908),
// and a concern resolved only by its raiser or a chair (DP911).
import { approvalRule } from './rule.ts';

export const unknownPerson = approvalRule({
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

export const notInGroup = approvalRule({
  id: 'DP904',
  name: 'approver-not-in-group',
  title: 'An approval counts only from a member of the group its policy names',
  refusal: 15,
  hint: 'Ask a member of the policy\'s group to approve, or add the person to the group in a reviewed roster change of its own.',
  messages: {
    notMember: (data: { field: string; group: string; state: string }) => `The entry names a person outside group ${data.group}, whose approval the policy for ${data.state} requires.`,
  },
});

export const stale = approvalRule({
  id: 'DP905',
  name: 'approval-stale',
  title: 'An approval counts only for the content it was given to',
  refusal: 15,
  hint: 'The record changed after this entry was made. Ask for a new approval of the current content (decision-packet approve), or undo the change.',
  messages: {
    stale: (data: { field: string }) => `The entry's content is the hash of an earlier content of the record; the approval is stale and does not count.`,
  },
});

export const unsigned = approvalRule({
  id: 'DP906',
  name: 'approval-unsigned',
  title: 'An approval is signed when its policy asks for signed approvals',
  refusal: 15,
  hint: 'Sign the approval: `decision-packet approve <packet> --key <ssh key>` writes a signed entry. An unsigned entry is only a claim.',
  messages: {
    claim: (data: { field: string; state: string }) => `The entry has no signature: it is an unsigned claim, and the policy for ${data.state} counts signed approvals only.`,
  },
});

export const badSignature = approvalRule({
  id: 'DP907',
  name: 'approval-signature-invalid',
  title: 'An approval\'s signature verifies over its canonical message',
  refusal: 15,
  hint: 'Remove the entry and approve again with `decision-packet approve`; a signature made for other content, another packet or another namespace never verifies.',
  messages: {
    invalid: (data: { field: string; reason: string }) => `The signature does not prove the entry: ${data.reason}.`,
  },
});

export const keyNotInRoster = approvalRule({
  id: 'DP908',
  name: 'approval-key-unknown',
  title: 'An approval is signed with a key the roster gives its person',
  refusal: 15,
  hint: 'Sign with a key listed under the person\'s keys in roster.yaml, or add the key to the roster in a reviewed change of its own.',
  messages: {
    notTheirs: (data: { field: string; base: boolean }) => `The signature was made with a key the roster${data.base ? ' of the base commit' : ''} does not give the person named in "by".`,
  },
});

export const concernResolver = approvalRule({
  id: 'DP911',
  name: 'concern-resolved-by-other',
  title: 'A concern is resolved only by the person who raised it or a chair',
  refusal: 15,
  hint: 'Ask the person who raised the concern, or a member of the roster\'s chair_group, to resolve it.',
  messages: {
    notAllowed: (data: { field: string }) => `The entry resolves a concern raised by someone else, and the person is not in the roster's chair group.`,
    noConcern: (data: { field: string }) => `The entry resolves a concern that no earlier entry raised.`,
  },
});
