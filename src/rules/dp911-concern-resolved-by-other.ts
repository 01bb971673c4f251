// DP911: a concern is resolved only by the person who raised it or a chair.
import { defineRule } from './define-rule.ts';

export const dp911 = defineRule({
  id: 'DP911',
  name: 'concern-resolved-by-other',
  title: 'A concern is resolved only by the person who raised it or a chair',
  refusal: 15,
  hint: "Ask the person who raised the concern, or a member of the roster's chair_group, to resolve it.",
  messages: {
    notAllowed: (_data: { field: string }) =>
      `The entry resolves a concern raised by someone else, and the person is not in the roster's chair group.`,
    noConcern: (_data: { field: string }) => `The entry resolves a concern that no earlier entry raised.`,
  },
});
