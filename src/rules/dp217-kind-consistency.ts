// DP217: a kind's declarations can all be met together (judged by the kind checker,
// src/kinds/check-kind.ts).
import { defineRule } from './define-rule.ts';

export const dp217 = defineRule({
  id: 'DP217',
  name: 'kind-consistency',
  title: "A kind's declarations can all be met together",
  refusal: 14,
  hint: "Make the declarations agree: a state may not forbid (itself or through a field group) a field it requires, and a requirement's where values must be values its evidence kind's fields accept.",
  messages: {
    forbidsRequired: (d: { field: string; held: string; via: string; where: string }) =>
      `${d.field} forbids field ${d.held}${d.via}, but ${d.where} requires it in this state; a record could never meet both.`,
    whereRefused: (d: { field: string; name: string; evidenceKind: string; takes: string; requirement: string }) =>
      `${d.field} is a value that field ${d.name} of evidence kind ${d.evidenceKind} refuses (it takes ${d.takes}); no evidence could meet requirement ${d.requirement}.`,
  },
});
