import { z } from 'astro/zod';
import { line, recordId, schemaHint } from './shared.ts';
import { isSafeRelativePath } from '../core/repository-path.ts';

export const evidenceKinds = ['admission', 'build', 'local-provider-route', 'stage2-report', 'validator', 'other'] as const;

/** A full object id: SHA-1 (40) or SHA-256 (64), lowercase hex. */
export const commitId = z
  .string({ error: 'a full commit id in quotes' })
  .regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, { error: 'a full lowercase 40- or 64-hex commit id' });

export const repositoryPath = z
  .string({ error: 'a path in quotes' })
  .refine(isSafeRelativePath, {
    error: 'a relative POSIX path inside the repository (no leading "/", "..", ".git", backslash, %-encoding or control characters)',
  });

const base = {
  ...schemaHint,
  title: line,
  repository: recordId,
  path: repositoryPath,
  commit: commitId,
  /** Packets (decision ids) this evidence is shown on, besides those listing it in evidence_sources. */
  packets: z.array(recordId).optional(),
};

export const admissionEvidenceSchema = z.strictObject({
  ...base,
  kind: z.literal('admission'),
  provider: line,
  model: line,
});

export const stage2ReportEvidenceSchema = z.strictObject({
  ...base,
  kind: z.literal('stage2-report'),
  result: z.enum(['pass', 'fail']),
});

export const otherEvidenceSchema = z.strictObject({
  ...base,
  kind: z.enum(['build', 'local-provider-route', 'validator', 'other']),
});

export const evidenceReferenceSchema = z.discriminatedUnion('kind', [
  admissionEvidenceSchema,
  stage2ReportEvidenceSchema,
  otherEvidenceSchema,
]);

export type EvidenceReference = z.infer<typeof evidenceReferenceSchema>;
export type AdmissionEvidence = z.infer<typeof admissionEvidenceSchema>;
export type Stage2ReportEvidence = z.infer<typeof stage2ReportEvidenceSchema>;
