// DP908: an approval is signed with a key the roster gives its person.
import { defineRule } from './define-rule.ts';

export const dp908 = defineRule({
  id: 'DP908',
  name: 'approval-key-unknown',
  title: 'An approval is signed with a key the roster gives its person',
  refusal: 15,
  hint: "Sign with a key listed under the person's keys in roster.yaml, or add the key to the roster in a reviewed change of its own.",
  messages: {
    notTheirs: (data: { field: string; base: boolean }) =>
      `The signature was made with a key the roster${data.base ? ' of the base commit' : ''} does not give the person named in "by".`,
  },
});
