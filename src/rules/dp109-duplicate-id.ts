import { defineRule } from './define-rule.ts';

export const dp109 = defineRule({
  id: 'DP109',
  name: 'duplicate-id',
  title: 'Every id is defined by exactly one file',
  refusal: 6,
  hint: 'Rename or remove one of the files. Ids are compared ignoring case, because URLs and file systems may.',
  messages: {
    duplicate: (d: { earlier: string }) => `The id is already defined by ${d.earlier}.`,
  },
});
