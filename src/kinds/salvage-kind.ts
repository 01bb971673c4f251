// What can still be judged of a malformed kind file: every top-level section whose shape holds,
// and, of a mapping section (states, requirements, …), every entry whose shape holds. The checks
// of what a kind names (src/kinds/check-kind.ts, DP212) then run on that, so that one run reports
// both a kind's shape errors (DP211) and its reference errors. The sections that lost something
// are named `unsure`: a name missing from them may be declared in the part that was dropped.
import { z } from 'astro/zod';
import { kindSchema, type Kind } from '../schemas/kind.ts';

function unwrapOptional(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
}

/** The valid entries of a mapping section, or undefined when the value is no mapping at all. */
function validEntries(schema: z.ZodRecord, value: unknown): Record<string, unknown> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const kept: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    const keyOk = (schema.keyType as z.ZodType).safeParse(key).success;
    const parsed = (schema.valueType as z.ZodType).safeParse(entry);
    // defineProperty: a key such as "__proto__" stays an own entry, never a prototype.
    if (keyOk && parsed.success) Object.defineProperty(kept, key, { value: parsed.data, enumerable: true, writable: true, configurable: true });
  }
  return kept;
}

// Placeholders for a required section that could not be kept; the section is also named unsure.
const placeholders: Record<string, unknown> = { title: '', state_field: '', safe_state: '', common: {}, states: {}, transitions: {}, evidence_kinds: {} };

export function salvageKind(data: unknown): { kind: Kind; unsure: Set<string> } | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const kind: Record<string, unknown> = {};
  const unsure = new Set<string>();
  for (const [section, schema] of Object.entries(kindSchema.shape) as [string, z.ZodType][]) {
    const value = Object.hasOwn(data, section) ? (data as Record<string, unknown>)[section] : undefined;
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      if (parsed.data !== undefined) kind[section] = parsed.data;
      continue;
    }
    unsure.add(section);
    const inner = unwrapOptional(schema);
    const kept = inner instanceof z.ZodRecord ? validEntries(inner, value) : undefined;
    if (kept !== undefined) kind[section] = kept;
    else if (Object.hasOwn(placeholders, section)) kind[section] = placeholders[section];
  }
  return { kind: kind as Kind, unsure };
}
