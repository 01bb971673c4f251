import { z } from 'astro/zod';
import { isTemplate, renderTemplate } from '../kinds/templates.ts';
import { defineFieldType } from './define.ts';
import { dp204 } from '../rules/dp204-state-field-value.ts';

export const exact = defineFieldType({
  name: 'exact',
  summary: "exactly `value`; a template over the record's own fields, `{owner}`, `{work_items.reviewer}`",
  rules: () => [dp204],
  /** The value, or a template naming the record's own fields in braces (compared after the schema). */
  options: () => ({ value: z.string().min(1) }),
  zod: (spec) => (isTemplate(spec.value ?? '') ? z.string({ error: 'the exact text this state requires' }) : z.literal(spec.value ?? '')),
  describe: (spec, record) => {
    const value = renderTemplate(spec.value ?? '', record);
    return /\s/.test(value) ? `exactly "${value}"` : `exactly ${value}`;
  },
  // Written by whoever changes the state, never by `new`.
  placeholder: () => undefined,
});
