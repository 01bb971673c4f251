import { defineRule } from './define-rule.ts';

export const dp102 = defineRule({
  id: 'DP102',
  name: 'symlink-outside-content',
  title: 'No symbolic link leads out of the content folder',
  refusal: 13,
  hint: 'Replace the link with the file itself, inside the content folder.',
  messages: {
    broken: () => 'The symbolic link is broken.',
    outside: () => 'The symbolic link leads out of the content folder.',
    inCommit: () => 'A symbolic link in a commit is not followed: the change must hold the file itself.',
  },
});
