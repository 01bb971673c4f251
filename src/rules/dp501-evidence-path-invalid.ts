import { defineRule } from './define-rule.ts';
import { schemaMessage } from './schema-message.ts';

export const dp501 = defineRule({
  id: 'DP501',
  name: 'evidence-path-invalid',
  title: 'An evidence path is a relative POSIX path inside its repository',
  refusal: 7,
  hint: 'Write the path relative to the repository root with "/" separators: no leading "/", no "..", no ".git", no backslash, no %-encoding, no control characters.',
  messages: {
    ...schemaMessage,
  },
});
