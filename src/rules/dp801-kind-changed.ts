import { defineRule } from './define-rule.ts';

export const dp801 = defineRule({
  id: 'DP801',
  name: 'kind-changed',
  title: 'A decision keeps its kind',
  refusal: 14,
  hint: "Keep the decision's kind. To decide under another kind, add a new packet and retire this one.",
  messages: {
    changed: (d: { before: string; after: string }) =>
      `kind: the change gives the decision another kind ("${d.before}" at the base, "${d.after}" now); a decision keeps the kind it was recorded under.`,
  },
});
