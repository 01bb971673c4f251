import { z } from 'astro/zod';
import { isoDate, line } from './shared.ts';

const prdStatuses = ['draft', 'active', 'superseded', 'retired'] as const;

/**
 * The generic core of PRD frontmatter. An organisation declares its own further fields in
 * kinds/prd-frontmatter.yaml (src/kinds/compile-prd.ts adds them, required); without that file
 * a PRD carries exactly these. `last_reviewed >= created` is gate DP209.
 */
export const prdCoreShape = {
  title: line,
  status: z.enum(prdStatuses),
  owner: line,
  created: isoDate,
  last_reviewed: isoDate,
};

export type PrdFrontmatter = z.infer<z.ZodObject<typeof prdCoreShape>> & Record<string, unknown>;
