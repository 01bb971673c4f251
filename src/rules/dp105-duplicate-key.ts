import { defineRule } from './define-rule.ts';

export const dp105 = defineRule({
  id: 'DP105',
  name: 'duplicate-key',
  title: 'No key appears twice in one mapping',
  refusal: 13,
  hint: 'Keep one of the two keys: with duplicates, parsers disagree on which value wins.',
  messages: {
    duplicateNamed: (d: { key: string; line: number | string }) =>
      `The key "${d.key}" appears twice in the same mapping: first on line ${d.line}, again here.`,
    duplicateAt: (d: { line: number | string }) => `A key appears twice in the same mapping: first on line ${d.line}, again here.`,
  },
});
