import { z } from 'astro/zod';
import { line, recordId, schemaHint } from './shared.ts';
import { isSafeRelativePath } from '../core/repository-path.ts';

/** A full object id: SHA-1 (40) or SHA-256 (64), lowercase hex. */
const commitId = z
  .string({ error: 'a full commit id in quotes' })
  .regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, { error: 'a full lowercase 40- or 64-hex commit id' });

const repositoryPath = z.string({ error: 'a path in quotes' }).refine(isSafeRelativePath, {
  error: 'a relative POSIX path inside the repository (no leading "/", "..", ".git", backslash, %-encoding or control characters)',
});

/**
 * The fields every evidence reference has. Its `kind` is an evidence kind that a decision kind
 * declares (kinds/<id>.yaml, evidence_kinds), which may add fields of its own: the evidence
 * schema is compiled from the kinds (src/kinds/compile-evidence.ts).
 */
export const evidenceBaseShape = {
  ...schemaHint,
  title: line,
  repository: recordId,
  path: repositoryPath,
  commit: commitId,
  /** Packets (decision ids) this evidence is shown on, besides those listing it in an evidence list. */
  packets: z.array(recordId).optional(),
};

export type EvidenceReference = {
  title: string;
  kind: string;
  repository: string;
  path: string;
  commit: string;
  packets?: string[];
} & Record<string, unknown>;
