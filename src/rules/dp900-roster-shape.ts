// DP900: roster.yaml has the shape of a roster, and its people, groups and keys agree. The schema
// pass reports its shape; the approvals gate (src/approvals/gate.ts, run as this rule's check)
// the rest, and the rest of the DP9xx family.
import { defineRule } from './define-rule.ts';
import { schemaMessage } from './schema-message.ts';
import type { Gate } from '../core/record-set.ts';
import { approvalsGate } from '../approvals/gate.ts';

// Called, not referenced, at import: the approvals gate's module may still be loading then.
const approvals: Gate = (records, context) => approvalsGate(records, context);

export const dp900 = defineRule({
  id: 'DP900',
  name: 'roster-shape',
  title: 'roster.yaml has the shape of a roster',
  refusal: 15,
  hint: 'roster.yaml takes people (id, name, emails, keys: SSH public key lines), groups (name: [person ids]), an optional chair_group and changes (the policy a roster change needs). See README "Approvals".',
  messages: {
    ...schemaMessage,
    duplicatePerson: (data: { index: number }) => `people[${data.index}].id repeats an earlier person's id; each person appears once.`,
    unknownMember: (data: { group: string; index: number }) => `groups.${data.group}[${data.index}] names no person of the roster.`,
    unknownGroup: () => 'The field names a group that groups does not declare.',
    badKey: (data: { index: number; key: number }) =>
      `people[${data.index}].keys[${data.key}] is not an SSH public key that parses (its type and its base64 data disagree).`,
    sharedKey: (data: { index: number; key: number }) =>
      `people[${data.index}].keys[${data.key}] is also another person's key; a key names one person.`,
  },
  check: approvals,
});
