// JSON Schema files generated from the zod schemas, published at /schemas/<kind>.schema.json so
// editors can check content as it is typed (`# yaml-language-server: $schema=…`). The gate
// itself always runs the zod schemas and the gates; these files are a convenience for editors.
import { z } from 'astro/zod';
import { decisionSchema } from './decision.ts';
import { evidenceReferenceSchema } from './evidence-reference.ts';
import { prdFrontmatterSchema } from './prd.ts';
import { repositoriesSchema } from './repositories.ts';
import { workItemSchema } from './work-item.ts';

export const jsonSchemaSources = {
  decision: { schema: decisionSchema, title: 'Decision Packet decision record' },
  evidence: { schema: evidenceReferenceSchema, title: 'Decision Packet evidence reference' },
  'work-item': { schema: workItemSchema, title: 'Decision Packet work item' },
  repositories: { schema: repositoriesSchema, title: 'Decision Packet repositories.yaml' },
  'prd-frontmatter': { schema: prdFrontmatterSchema, title: 'Decision Packet PRD frontmatter' },
} as const;

export type JsonSchemaKind = keyof typeof jsonSchemaSources;

export function toJsonSchema(kind: JsonSchemaKind): Record<string, unknown> {
  const { schema, title } = jsonSchemaSources[kind];
  // Refinements (calendar dates, safe paths) cannot be expressed; the gate still enforces them.
  const generated = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...generated, title, $id: `${kind}.schema.json` };
}
