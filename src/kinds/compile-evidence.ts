// The evidence reference schema of a content folder: a discriminated union over every evidence
// kind the valid decision kinds declare, each the common fields plus its own, strict.
import { z } from 'astro/zod';
import { evidenceBaseShape, type EvidenceReference } from '../schemas/evidence-reference.ts';
import { normalizeSpec, type FieldSpec } from '../schemas/kind.ts';
import { fieldSchema } from './compile-kind.ts';

export interface EvidenceKindDeclaration {
  fields: Record<string, FieldSpec>;
  /** The decision kind that declared it first. */
  declaredBy: string;
}

export function compileEvidenceSchema(kinds: ReadonlyMap<string, EvidenceKindDeclaration>): z.ZodType<EvidenceReference> | undefined {
  const options = [...kinds].map(([id, declaration]) =>
    z.strictObject({
      ...evidenceBaseShape,
      kind: z.literal(id),
      ...Object.fromEntries(Object.entries(declaration.fields).map(([name, spec]) => [name, fieldSchema(normalizeSpec(spec))])),
    }),
  );
  if (options.length === 0) return undefined;
  return z.discriminatedUnion('kind', options as unknown as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<EvidenceReference>;
}
