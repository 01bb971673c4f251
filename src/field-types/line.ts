import { z } from 'astro/zod';
import { line as lineSchema } from '../schemas/shared.ts';
import { defineFieldType, emptyText } from './define.ts';
import { conditionSchema } from '../schemas/condition.ts';
import { dp203 } from '../rules/dp203-state-field-missing.ts';
import { dp204 } from '../rules/dp204-state-field-value.ts';
import { dp400 } from '../rules/dp400-value-not-admitted.ts';

export const line = defineFieldType({
  name: 'line',
  summary:
    'a non-empty single line without surrounding spaces: no line break of any kind (LF, CR, VT, FF, NEL, U+2028, U+2029); with `empty_unless: { requirements: [r] }` (a condition, see `roles`) it may be `""`, and is non-empty only when the condition holds',
  rules: () => [dp203, dp204, dp400],
  options: () => ({ empty_unless: conditionSchema.optional() }),
  zod: (spec) =>
    spec.empty_unless ? z.union([z.literal(''), lineSchema], { error: 'an empty string, or the exact admitted value' }) : lineSchema,
  describe: (spec) => (spec.empty_unless ? 'empty, or a value admitted by the listed evidence' : 'a non-empty single line'),
  placeholder: () => emptyText,
  singleLine: true,
});
