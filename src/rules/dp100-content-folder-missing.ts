import { defineRule } from './define-rule.ts';

export const dp100 = defineRule({
  id: 'DP100',
  name: 'content-folder-missing',
  title: 'The content folder exists and is a folder',
  refusal: 13,
  hint: 'Create the folder (see "Content layout" in the README) or point PACKET_CONTENT_DIR at it.',
  messages: {
    missing: () => 'The content folder does not exist or is not a folder.',
    empty: () => 'The content folder holds no records: there is nothing to validate or publish.',
  },
});
