import { defineRule } from './define-rule.ts';

export const dp214 = defineRule({
  id: 'DP214',
  name: 'state-transition',
  title: 'A change of state is one its kind allows',
  refusal: 14,
  hint: "Move the decision through the states its kind's transitions allow, or change the kind's transitions in a reviewed change of its own.",
  messages: {
    notAllowed: (d: { stateField: string; from: string; fromLabel: string; to: string; toLabel: string; kind: string; options: string }) =>
      `${d.stateField}: the change moves the decision from "${d.from}" (${d.fromLabel}) to "${d.to}" (${d.toLabel}); its kind "${d.kind}" ${d.options}.`,
  },
});
