import { dateOrCondition as dateOrConditionSchema } from '../schemas/shared.ts';
import { defineFieldType, emptyText } from './define.ts';
import { dp204 } from '../rules/dp204-state-field-value.ts';
import { dp403 } from '../rules/dp403-review-overdue.ts';

export const dateOrCondition = defineFieldType({
  name: 'date_or_condition',
  summary:
    "a date `YYYY-MM-DD` (before the build's date it is overdue) or a condition text; a value that starts with a date is a date: followed by more text (`2020-01-01 or when…`), or a date in another form, it is refused",
  rules: () => [dp403, dp204],
  zod: () => dateOrConditionSchema,
  describe: () => 'a date (YYYY-MM-DD) or a condition that forces review',
  placeholder: () => emptyText,
  singleLine: true,
});
