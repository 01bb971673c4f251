import { z } from 'astro/zod';
import { className } from '../schemas/shared.ts';
import { defineFieldType, emptyText } from './define.ts';
import { dp204 } from '../rules/dp204-state-field-value.ts';
import { dp601 } from '../rules/dp601-credential-class-value.ts';

export const classType = defineFieldType({
  name: 'class',
  summary:
    'a class name (lowercase, digits, `-`, `_`, ≤ 64); `patterns: [no-secret, "local*", "bounded-*"]` restricts it (`name*`: the name, or the name and more words after `-`/`_`; `name-*`: at least one more word)',
  rules: () => [dp601, dp204],
  options: () => ({
    /** Allowed class names; `name*` also allows `name-…`/`name_…`, `name-*` requires a further word. */
    patterns: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9_-]*\*?$/, { error: 'a class name, optionally ending in *' }))
      .min(1)
      .optional(),
  }),
  zod: () => className,
  refusedAs: dp601,
  describe: () => 'a class name',
  placeholder: () => emptyText,
});
