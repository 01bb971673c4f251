import { z } from 'astro/zod';
import { isoDate, line } from './shared.ts';

export const prdStatuses = ['draft', 'active', 'superseded', 'retired'] as const;

/** PRD frontmatter, exactly the contract's fields. `last_reviewed >= created` is gate DP209. */
export const prdFrontmatterSchema = z.strictObject({
  title: line,
  status: z.enum(prdStatuses),
  lifecycle_classification: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { error: 'a classification name such as sot' }),
  owner: line,
  created: isoDate,
  last_reviewed: isoDate,
  core_promotion_status: z.enum(['not-promoted', 'promoted']),
  route: line,
});

export type PrdFrontmatter = z.infer<typeof prdFrontmatterSchema>;
