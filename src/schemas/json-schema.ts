// JSON Schema files generated from the zod schemas, for editors (`# yaml-language-server:
// $schema=…`): one per decision kind (`<kind-id>`), plus evidence, work-item, repositories,
// prd-frontmatter (all as the content folder's kinds compile them), and kind and prd-extension
// for the kind files themselves. Published at /schemas/<name>.schema.json and written by
// `check` to node_modules/.decision-packet/schemas/. The gate itself always runs the zod schemas
// and the gates; these files are a convenience for editors.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';
import type { RecordSet } from '../core/record-set.ts';
import { compileEvidenceSchema, type EvidenceKindDeclaration } from '../kinds/compile-evidence.ts';
import { compilePrdSchema } from '../kinds/compile-prd.ts';
import { kindSchema, prdExtensionSchema } from './kind.ts';
import { repositoriesSchema } from './repositories.ts';
import { workItemSchema } from './work-item.ts';
import { approvalsFileSchema, rosterSchema } from './approvals.ts';
import { governingJsonSchema } from '../governing/site-files.ts';

/** Names no decision kind may take: their schema files are the engine's own. */
export const reservedSchemaNames = [
  'evidence',
  'work-item',
  'repositories',
  'prd-frontmatter',
  'kind',
  'prd-extension',
  'roster',
  'approvals',
  'governing',
] as const;

export function toJsonSchema(schema: z.ZodType, name: string, title: string): Record<string, unknown> {
  // Refinements (calendar dates, safe paths) cannot be expressed; the gate still enforces them.
  const generated = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...generated, title, $id: `${name}.schema.json` };
}

const sortedKinds = (records: RecordSet) => [...records.kinds].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Every evidence kind the valid decision kinds declare, each with the first declaration (by kind id). */
export function declaredEvidenceKinds(records: RecordSet): Map<string, EvidenceKindDeclaration> {
  const evidenceKinds = new Map<string, EvidenceKindDeclaration>();
  for (const [id, kind] of sortedKinds(records)) {
    for (const [evidenceKind, declaration] of Object.entries(kind.data.evidence_kinds)) {
      if (!evidenceKinds.has(evidenceKind)) evidenceKinds.set(evidenceKind, { fields: declaration.fields ?? {}, declaredBy: id });
    }
  }
  return evidenceKinds;
}

/** Every editor schema of a validated record set, by name. */
export function editorSchemas(records: RecordSet): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, kind] of sortedKinds(records))
    out[id] = toJsonSchema(kind.compiled.schema, id, `Decision Packet decision record, kind ${id}`);
  const evidence = compileEvidenceSchema(declaredEvidenceKinds(records));
  if (evidence) out.evidence = toJsonSchema(evidence, 'evidence', 'Decision Packet evidence reference');
  out['work-item'] = toJsonSchema(workItemSchema, 'work-item', 'Decision Packet work item');
  out.repositories = toJsonSchema(repositoriesSchema, 'repositories', 'Decision Packet repositories.yaml');
  out.roster = toJsonSchema(rosterSchema, 'roster', 'Decision Packet roster.yaml');
  out.approvals = toJsonSchema(approvalsFileSchema, 'approvals', 'Decision Packet approval entries (decisions/<id>.approvals.yaml)');
  out['prd-frontmatter'] = toJsonSchema(compilePrdSchema(records.prdExtension), 'prd-frontmatter', 'Decision Packet PRD frontmatter');
  out.kind = toJsonSchema(kindSchema, 'kind', 'Decision Packet decision kind (kinds/<kind-id>.yaml)');
  out['prd-extension'] = toJsonSchema(
    prdExtensionSchema,
    'prd-extension',
    'Decision Packet PRD frontmatter extension (kinds/prd-frontmatter.yaml)',
  );
  out.governing = governingJsonSchema();
  return out;
}

/** Where `check` writes the editor schemas, relative to the project it runs in. */
export const editorSchemaDir = path.join('node_modules', '.decision-packet', 'schemas');

/** Writes every editor schema to `dir` (each file replaced whole, so editors never read half a file). */
export function writeEditorSchemas(records: RecordSet, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, schema] of Object.entries(editorSchemas(records))) {
    const file = path.join(dir, `${name}.schema.json`);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(schema, null, 2)}\n`);
    renameSync(temporary, file);
  }
}
