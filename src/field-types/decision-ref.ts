import { line, recordId } from '../schemas/shared.ts';
import { defineFieldType, emptyText } from './define.ts';
import { dp305 } from '../rules/dp300-references.ts';
import { dp306 } from '../rules/dp306-decision-reference-cycle.ts';

export const decisionRef = defineFieldType({
  name: 'decision_ref',
  summary:
    "the id of another existing decision; following one `decision_ref` field never leads back; `inverse_label` names the link on the other decision's page",
  rules: () => [dp305, dp306],
  /** How the other decision's page names the link back. */
  options: () => ({ inverse_label: line.optional() }),
  zod: () => recordId,
  describe: () => 'the id of another decision',
  placeholder: () => emptyText,
  references: { record: 'decision', rule: () => dp305, route: 'packets' },
});
