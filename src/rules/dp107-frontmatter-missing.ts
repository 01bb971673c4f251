import { defineRule } from './define-rule.ts';

export const dp107 = defineRule({
  id: 'DP107',
  name: 'frontmatter-missing',
  title: 'A PRD, and a decision written as markdown, starts with a YAML frontmatter block',
  refusal: 13,
  hint: 'Start the file with a line "---", the frontmatter fields, and a closing line "---".',
  messages: {
    unclosed: () => 'The frontmatter block has no closing "---" line.',
    missing: () => 'The file does not start with a "---" frontmatter block.',
  },
});
