import { defineRule } from './define-rule.ts';

export const dp108 = defineRule({
  id: 'DP108',
  name: 'invalid-id',
  title: 'File names are valid ids',
  refusal: 13,
  hint: 'Rename the file: an id is letters, digits, "-" and "_", starting with a letter or digit, at most 100 characters.',
  messages: {
    invalid: () => 'The file name is not a valid id.',
  },
});
