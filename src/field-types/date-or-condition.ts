import { dateOrCondition as dateOrConditionSchema } from '../schemas/shared.ts';
import { defineFieldType, emptyText } from './define.ts';

export const dateOrCondition = defineFieldType({
  name: 'date_or_condition',
  summary: "a date (before the build's date it is overdue) or a condition text",
  rules: ['DP403'],
  zod: () => dateOrConditionSchema,
  describe: () => 'a date (YYYY-MM-DD) or a condition that forces review',
  placeholder: () => emptyText,
  singleLine: true,
});
