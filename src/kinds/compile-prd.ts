// The PRD frontmatter schema of a content folder: the generic core, plus the fields the
// organisation declares in kinds/prd-frontmatter.yaml (each required), strict either way.
import { z } from 'astro/zod';
import { prdCoreShape, type PrdFrontmatter } from '../schemas/prd.ts';
import { normalizeSpec, type PrdExtension } from '../schemas/kind.ts';
import { fieldSchema } from './compile-kind.ts';

export function compilePrdSchema(extension?: PrdExtension): z.ZodType<PrdFrontmatter> {
  const extra = Object.fromEntries(Object.entries(extension?.fields ?? {}).map(([name, spec]) => [name, fieldSchema(normalizeSpec(spec))]));
  return z.strictObject({ ...prdCoreShape, ...extra });
}
