import { recordId } from '../schemas/shared.ts';
import { defineFieldType, emptyText } from './define.ts';

export const id = defineFieldType({
  name: 'id',
  summary: 'an id: letters, digits, `-` and `_`',
  rules: () => [],
  zod: () => recordId,
  describe: () => 'an id',
  placeholder: () => emptyText,
});
