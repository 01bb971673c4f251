import { z } from 'astro/zod';
import { line } from '../schemas/shared.ts';
import { defineFieldType, emptyText } from './define.ts';
import { dp204 } from '../rules/dp204-state-field-value.ts';

export const oneOf = defineFieldType({
  name: 'one_of',
  summary: 'one of `values`',
  rules: () => [dp204],
  options: () => ({ values: z.array(line).min(1) }),
  zod: (spec) => z.enum((spec.values ?? []) as [string, ...string[]]),
  describe: (spec) => `one of ${(spec.values ?? []).join(', ')}`,
  placeholder: () => emptyText,
});
