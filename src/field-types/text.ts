import { text as textSchema } from '../schemas/shared.ts';
import { defineFieldType, emptyText } from './define.ts';

export const text = defineFieldType({
  name: 'text',
  summary: 'non-empty text, several lines allowed',
  rules: () => [],
  zod: () => textSchema,
  describe: () => 'a non-empty text',
  placeholder: () => emptyText,
});
