// DP901: an approvals file has the shape of one and belongs to a record.
import { defineRule } from './define-rule.ts';
import { schemaMessage } from './schema-message.ts';

export const dp901 = defineRule({
  id: 'DP901',
  name: 'approvals-file',
  title: 'Approval entries have the right shape and belong to a record',
  refusal: 15,
  hint: 'An approvals file is decisions/<packet-id>.approvals.yaml (or roster.approvals.yaml) with "approvals": a list of {by, disposition: approve|object|concern|resolve, concern (for concern/resolve), content: sha256:…, signature}. Write entries with `decision-packet approve`.',
  messages: {
    ...schemaMessage,
    noPacket: () => 'The approvals file names no decision: there is no decisions/<id>.yaml, .json or .md with its id.',
  },
});
