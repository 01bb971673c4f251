import { z } from 'astro/zod';
import { defineFieldType } from './define.ts';
import { fieldName, normalizeSpec } from './spec.ts';

export const mapping = defineFieldType({
  name: 'mapping',
  summary: 'a mapping of `fields`, each a field spec',
  rules: () => [],
  options: (spec) => ({ fields: z.record(fieldName, spec) }),
  zod: (spec, context) =>
    z.strictObject(
      Object.fromEntries(Object.entries(spec.fields ?? {}).map(([name, child]) => [name, context.fieldSchema(normalizeSpec(child))])),
    ),
  describe: (spec) => `a mapping of ${Object.keys(spec.fields ?? {}).join(', ')}`,
  placeholder: (spec) => ({ fields: spec.fields ?? {} }),
});
