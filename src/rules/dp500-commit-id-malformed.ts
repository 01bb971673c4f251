import { defineRule } from './define-rule.ts';
import { schemaMessage } from './schema-message.ts';

export const dp500 = defineRule({
  id: 'DP500',
  name: 'commit-id-malformed',
  title: 'An evidence commit is a full lowercase 40- or 64-hex object id',
  refusal: 7,
  hint: 'Use the full object id from `git rev-parse <rev>`, quoted, in lowercase; abbreviated ids are ambiguous and may stop resolving.',
  messages: {
    ...schemaMessage,
  },
});
