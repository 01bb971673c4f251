import { line, recordId } from '../schemas/shared.ts';
import { defineFieldType, emptyText } from './define.ts';

export const decisionRef = defineFieldType({
  name: 'decision_ref',
  summary:
    "the id of another existing decision; following one `decision_ref` field never leads back; `inverse_label` names the link on the other decision's page",
  rules: ['DP305', 'DP306'],
  /** How the other decision's page names the link back. */
  options: () => ({ inverse_label: line.optional() }),
  zod: () => recordId,
  describe: () => 'the id of another decision',
  placeholder: () => emptyText,
  references: { record: 'decision', rule: 'DP305', what: 'a decision that does not exist: there is no decisions/<id>.yaml (or .md) for it', route: 'packets' },
});
