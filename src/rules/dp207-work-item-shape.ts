import { defineRule } from './define-rule.ts';
import { schemaMessage } from './schema-message.ts';

export const dp207 = defineRule({
  id: 'DP207',
  name: 'work-item-shape',
  title: 'Work item fields have the right types and no unknown keys',
  refusal: 13,
  hint: 'A work item takes title, status (blocked | candidate | in_progress | done) and an optional blocked_reason.',
  messages: {
    ...schemaMessage,
  },
});
