// What each active branch requires and what follows from it, as the PRD and the contract state.
// The required field names come from the branch schemas themselves, so page and gate agree.
import { branchAEffect, branchBEffect, externalProviderApprovedSchema, localProviderRequiredSchema, type DecisionStatus } from '../schemas/decision.ts';

export interface BranchField {
  name: string;
  requirement: string;
}

export interface BranchDefinition {
  status: Exclude<DecisionStatus, 'not_decided'>;
  label: string;
  anchor: string;
  useWhen: string;
  fields: BranchField[];
  consequences: string[];
}

const common = ['prd', 'work_item', 'work_items', '$schema', 'decision_status'];

function fieldsOf(shape: Record<string, unknown>, requirements: Record<string, string>): BranchField[] {
  return ['decision_status', ...Object.keys(shape).filter((name) => !common.includes(name))].map((name) => ({
    name,
    requirement: requirements[name] ?? '',
  }));
}

export const branches: readonly BranchDefinition[] = [
  {
    status: 'external_provider_approved',
    label: 'Branch A — External Provider Approved',
    anchor: 'branch-external-provider-approved',
    useWhen: 'Use only if JP or a governed Core route approves an external provider path.',
    fields: fieldsOf(externalProviderApprovedSchema.shape, {
      decision_status: 'exactly external_provider_approved',
      provider_class: 'exactly external_anthropic',
      provider: 'the exact provider string, non-empty',
      model: 'the exact model string, non-empty',
      approval_source: 'JP approval reference or governed Core route reference',
      credential_source_class: 'a credential class only, never a secret value',
      allowed_network_class: 'the approved outbound network class',
      review_trigger: 'an expiry date (YYYY-MM-DD) or a condition that forces review',
      evidence_sources: 'existing admission/build evidence references (evidence ids)',
      effect: `exactly "${branchAEffect}"`,
    }),
    consequences: [
      'CTO-WORK-022 stays blocked.',
      'Hermes may attempt real Case Stage 2 only after admission JSON exists and matches CTO_HARNESS_CASE_MODEL_PROVIDER and CTO_HARNESS_CASE_MODEL.',
      'Any fallback to anthropic or claude-sonnet-4-6 without matching admission blocks before case_process_started.',
    ],
  },
  {
    status: 'local_provider_required',
    label: 'Branch B — Local Provider Required',
    anchor: 'branch-local-provider-required',
    useWhen: 'Use only if external provider use is not approved.',
    fields: fieldsOf(localProviderRequiredSchema.shape, {
      decision_status: 'exactly local_provider_required',
      provider_class: 'exactly local_case_compatible',
      provider: 'empty until a local provider is supplied and admitted',
      model: 'empty until a local model is supplied and admitted',
      approval_source: 'JP approval reference or governed Core route reference',
      credential_source_class: 'a local credential or no-secret class only (no-secret, local-…)',
      allowed_network_class: 'local-only or an explicitly bounded network class (bounded-…)',
      review_trigger: 'an expiry date (YYYY-MM-DD) or a condition that forces review',
      evidence_sources: 'references to existing admission/local-provider-route evidence',
      effect: `exactly "${branchBEffect}"`,
    }),
    consequences: [
      'CTO-WORK-022 becomes the next implementation candidate.',
      'No external fallback to anthropic or claude-sonnet-4-6 is allowed.',
      'Missing local adapter config blocks before case_process_started.',
      'Admission JSON mismatch blocks before case_process_started.',
    ],
  },
];

export const statusLabels: Record<DecisionStatus, string> = {
  not_decided: 'Not decided — current safe state',
  external_provider_approved: 'External provider approved (Branch A)',
  local_provider_required: 'Local provider required (Branch B)',
};

/** The execution authority: the admission JSON gate Hermes checks before any Case run. */
export const executionGate = 'CTO_HARNESS_CASE_MODEL_ADMISSION_FILE';
