import { z } from 'astro/zod';
import { className, isCalendarDate, line, recordId, schemaHint } from './shared.ts';

export const decisionStatuses = ['not_decided', 'external_provider_approved', 'local_provider_required'] as const;
export type DecisionStatus = (typeof decisionStatuses)[number];

export const branchAEffect =
  'CTO-WORK-020 remains blocked until admitted provider/model and real Stage 2 pass report exist';
export const branchBEffect =
  'CTO-WORK-020 remains blocked until local provider/model admission and real Stage 2 pass report exist';

/** A date (YYYY-MM-DD, a real one) or a condition text that forces review. */
export const reviewTrigger = z
  .string({ error: 'a date YYYY-MM-DD or a condition text' })
  .regex(/^\S[\s\S]*$/, { error: 'a date YYYY-MM-DD or a non-empty condition text' })
  .refine((value) => !/^\d{4}-\d{2}-\d{2}$/.test(value) || isCalendarDate(value), {
    error: 'a real calendar date YYYY-MM-DD (or a condition text)',
  });

const common = {
  ...schemaHint,
  prd: recordId,
  work_item: recordId,
  work_items: z.strictObject({ local_adapter: recordId, stage2: recordId }),
};

const evidenceSources = z
  .array(recordId, { error: 'a list of evidence ids' })
  .min(1, { error: 'a non-empty list of evidence ids' })
  .refine((ids) => new Set(ids).size === ids.length, { error: 'a list of evidence ids, each once' });

export const notDecidedSchema = z.strictObject({
  ...common,
  decision_status: z.literal('not_decided'),
});

export const externalProviderApprovedSchema = z.strictObject({
  ...common,
  decision_status: z.literal('external_provider_approved'),
  provider_class: z.literal('external_anthropic'),
  provider: line,
  model: line,
  approval_source: line,
  credential_source_class: className,
  allowed_network_class: className,
  review_trigger: reviewTrigger,
  evidence_sources: evidenceSources,
  effect: z.literal(branchAEffect),
});

export const localProviderRequiredSchema = z.strictObject({
  ...common,
  decision_status: z.literal('local_provider_required'),
  provider_class: z.literal('local_case_compatible'),
  // Empty until a local provider/model is admitted (gate DP400 checks the admission).
  provider: z.union([z.literal(''), line], { error: 'an empty string, or the exact admitted provider' }),
  model: z.union([z.literal(''), line], { error: 'an empty string, or the exact admitted model' }),
  approval_source: line,
  credential_source_class: className,
  allowed_network_class: className,
  review_trigger: reviewTrigger,
  evidence_sources: evidenceSources,
  effect: z.literal(branchBEffect),
});

export const decisionSchema = z.discriminatedUnion('decision_status', [
  notDecidedSchema,
  externalProviderApprovedSchema,
  localProviderRequiredSchema,
]);

export const decisionSchemasByStatus = {
  not_decided: notDecidedSchema,
  external_provider_approved: externalProviderApprovedSchema,
  local_provider_required: localProviderRequiredSchema,
} as const;

/** Fields that belong to a branch; a not_decided record carries none of them. */
export const branchFields = [
  'provider_class',
  'provider',
  'model',
  'approval_source',
  'credential_source_class',
  'allowed_network_class',
  'review_trigger',
  'evidence_sources',
  'effect',
] as const;

export type Decision = z.infer<typeof decisionSchema>;
export type NotDecided = z.infer<typeof notDecidedSchema>;
export type ExternalProviderApproved = z.infer<typeof externalProviderApprovedSchema>;
export type LocalProviderRequired = z.infer<typeof localProviderRequiredSchema>;
export type BranchDecision = ExternalProviderApproved | LocalProviderRequired;
