// Every gate, in catalog order. Each is a pure function of the record set and the context.
import type { Gate } from '../core/record-set.ts';
import { admissionMismatchGate } from './admission-mismatch.ts';
import { branchBClassesGate } from './branch-b-classes.ts';
import { branchBExternalProviderGate } from './branch-b-external-provider.ts';
import { branchBUnadmittedProviderGate } from './branch-b-unadmitted-provider.ts';
import { prdReviewDateGate } from './prd-review-date.ts';
import { referencesGate } from './references.ts';
import { reviewOverdueGate } from './review-overdue.ts';

export const gates: readonly Gate[] = [
  branchBClassesGate, // DP204
  prdReviewDateGate, // DP209
  referencesGate, // DP300–DP304
  branchBUnadmittedProviderGate, // DP400
  branchBExternalProviderGate, // DP401
  admissionMismatchGate, // DP402
  reviewOverdueGate, // DP403
];
