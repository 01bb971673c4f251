import { defineRule } from './define-rule.ts';

export const dp213 = defineRule({
  id: 'DP213',
  name: 'decision-kind',
  title: 'A decision names a kind that exists',
  refusal: 14,
  hint: 'Add kind: <kind-id> to the decision record, naming a file kinds/<kind-id>.yaml.',
  messages: {
    required: (d: { known: string }) => `Field kind is required: it names the decision's kind, a file kinds/<kind-id>.yaml${d.known}.`,
    unknown: (d: { guess: string }) => `kind names a kind that does not exist: there is no kinds/<kind-id>.yaml for it.${d.guess}`,
  },
});
