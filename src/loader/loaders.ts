// Content-layer loaders for a team's own Astro site (src/content.config.ts): one per record type,
// `decisionPackets`, `decisionWorkItems` and `decisionEvidence`, each `({ content })`. Each runs
// the gate first (one validation per process and options, shared with the integration) and
// throws on any violation, so the host's build fails closed with the gate's messages (rule id,
// location, values masked) and Astro's schema never sees invalid data. Then it stores the
// records, parsed by zod schemas compiled from the content's kinds, whose TypeScript type Astro
// writes into the host's generated types. In the dev server, an edit in the content folder
// revalidates and stores them again (content-watcher.ts). Only Astro's public loader API is used.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { z } from 'astro/zod';
import { resolvePacketOptions, type DecisionPacketOptions } from '../integration/packet-options.ts';
import { GateFailedError, getValidation } from '../integration/validated-site.ts';
import { declaredEvidenceKinds, toJsonSchema } from '../schemas/json-schema.ts';
import { compileEvidenceSchema } from '../kinds/compile-evidence.ts';
import { workItemSchema } from '../schemas/work-item.ts';
import type { Loaded, RecordSet } from '../core/record-set.ts';
import type { ValidationResult } from '../validate/validate.ts';
import { entryModule } from './entry-types.ts';
import { reloadOnEdit } from './content-watcher.ts';
import { cmp } from '../core/issue.ts';

/** The options the loaders take: the integration's, without those that only shape the site. */
export type DecisionLoaderOptions = Pick<DecisionPacketOptions, 'content' | 'requireVerifiedEvidence' | 'strict' | 'today'>;

interface RecordType {
  name: string;
  records: (records: RecordSet) => Map<string, Loaded<Record<string, unknown>> & { body?: string }>;
  schema: (records: RecordSet) => z.ZodType;
}

const recordTypes = {
  decisions: {
    name: 'decision-packet:decisions',
    records: (records) => records.decisions,
    schema: (records) => {
      const kinds = [...records.kinds.values()].map((kind) => kind.compiled.schema);
      return kinds.length === 0 ? z.never() : kinds.length === 1 ? kinds[0]! : z.union(kinds as [z.ZodType, z.ZodType, ...z.ZodType[]]);
    },
  },
  workItems: { name: 'decision-packet:work-items', records: (records) => records.workItems, schema: () => workItemSchema },
  evidence: {
    name: 'decision-packet:evidence',
    records: (records) => records.evidence,
    schema: (records) => compileEvidenceSchema(declaredEvidenceKinds(records)) ?? z.never(),
  },
} satisfies Record<string, RecordType>;

/** The gate's result for these options; throws (the gate's report, values masked) unless it passed. */
async function passedValidation(options: DecisionLoaderOptions): Promise<ValidationResult & { contentDir: string }> {
  // Relative to the folder Astro runs in (the project's root): createSchema() is given no config.
  const { contentDir, today, requireVerifiedEvidence, strict } = resolvePacketOptions(options, process.cwd(), '/');
  const result = await getValidation({ contentDir, today, requireVerifiedEvidence, strict });
  if (!result.ok) throw new GateFailedError(result);
  return { ...result, contentDir };
}

function recordLoader(type: RecordType, options: DecisionLoaderOptions): Loader {
  return {
    name: type.name,
    createSchema: async () => {
      const schema = type.schema((await passedValidation(options)).records);
      return { schema, types: entryModule(toJsonSchema(schema, type.name, type.name)) };
    },
    load: async (context: LoaderContext) => {
      const result = await passedValidation(options);
      await storeRecords(context, type.records(result.records), result.contentDir);
      reloadOnEdit(context.watcher, result.contentDir, context.collection, () => reloadRecords(context, type, options));
    },
  };
}

/**
 * The dev server's reload after an edit: the records again, or, when the content now breaks a
 * rule, none (Astro renders only what passed) and the gate's report, values masked, in its log.
 */
async function reloadRecords(context: LoaderContext, type: RecordType, options: DecisionLoaderOptions): Promise<void> {
  try {
    const result = await passedValidation(options);
    await storeRecords(context, type.records(result.records), result.contentDir);
  } catch (error) {
    context.store.clear();
    context.logger.error(error instanceof Error ? error.message : String(error));
  }
}

/** Replaces the collection's entries with the records, sorted by id (deterministic output). */
async function storeRecords(context: LoaderContext, records: ReturnType<RecordType['records']>, contentDir: string): Promise<void> {
  const { store } = context;
  store.clear();
  const root = fileURLToPath(context.config.root);
  for (const record of [...records.values()].sort((a, b) => cmp(a.id, b.id))) {
    // Relative to the project's root, as Astro's own loaders give it.
    const filePath = path.relative(root, path.join(contentDir, record.source)).split(path.sep).join('/');
    const data = await context.parseData({ id: record.id, data: record.data, filePath });
    store.set({
      id: record.id,
      data,
      filePath,
      digest: context.generateDigest(data),
      ...(record.body !== undefined && { body: record.body }),
    });
  }
}

/** The decision records (packets), one entry per packet id, typed by the content's kinds. */
export const decisionPackets = (options: DecisionLoaderOptions = {}): Loader => recordLoader(recordTypes.decisions, options);
/** The work items, one entry per work-item id. */
export const decisionWorkItems = (options: DecisionLoaderOptions = {}): Loader => recordLoader(recordTypes.workItems, options);
/** The evidence references, one entry per evidence id, typed by the evidence kinds the kinds declare. */
export const decisionEvidence = (options: DecisionLoaderOptions = {}): Loader => recordLoader(recordTypes.evidence, options);
