// DP216: a kind file stays within bounds that real kinds never reach (src/kinds/kind-limits.ts
// judges them, before the kind's schema runs).
import { defineRule } from './define-rule.ts';

export const dp216 = defineRule({
  id: 'DP216',
  name: 'kind-limits',
  title: 'A kind file stays within the kind limits',
  refusal: 14,
  hint: 'Shorten or split the kind: at most 200 entries in any mapping or list of a kind (states, fields, transitions, groups, roles, requirements, …), 2,000 terms a term list, 100 characters a term and 2,000 a text (README "Limits").',
  messages: {
    tooLong: (d: { field: string; length: number | string; max: number | string; what: string }) =>
      `${d.field} is ${d.length} characters long; a kind allows at most ${d.max} characters ${d.what}.`,
    tooMany: (d: { field: string; count: number | string; max: number | string; what: string }) =>
      `${d.field} holds ${d.count} entries; a kind allows at most ${d.max} ${d.what}.`,
  },
});
