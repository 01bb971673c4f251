import { lineList as lineListSchema } from '../schemas/shared.ts';
import { defineFieldType, emptyList } from './define.ts';

export const lineList = defineFieldType({
  name: 'line_list',
  summary: 'a non-empty list of lines',
  rules: () => [],
  zod: () => lineListSchema,
  describe: () => 'a non-empty list',
  placeholder: () => emptyList,
});
