// DP907: an approval's signature verifies over its canonical message.
import { defineRule } from './define-rule.ts';

export const dp907 = defineRule({
  id: 'DP907',
  name: 'approval-signature-invalid',
  title: "An approval's signature verifies over its canonical message",
  refusal: 15,
  hint: 'Remove the entry and approve again with `decision-packet approve`; a signature made for other content, another packet or another namespace never verifies.',
  messages: {
    invalid: (data: { field: string; reason: string }) => `The signature does not prove the entry: ${data.reason}.`,
  },
});
