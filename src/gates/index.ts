// Every gate, in catalog order. Each is a pure function of the record set and the context.
import type { Gate } from '../core/record-set.ts';
import { admissionMismatchGate } from './admission-mismatch.ts';
import { authorityDoneWithoutEvidenceGate } from './authority-done-without-evidence.ts';
import { branchBClassesGate } from './branch-b-classes.ts';
import { branchBExternalProviderGate } from './branch-b-external-provider.ts';
import { branchBUnadmittedProviderGate } from './branch-b-unadmitted-provider.ts';
import { copiedRuntimeEvidenceGate } from './copied-runtime-evidence.ts';
import { criterionAnchorsGate } from './criterion-anchors.ts';
import { evidenceUnverifiedGate, evidenceVerificationFailedGate } from './evidence-verification.ts';
import { localAdapterNotBlockedGate } from './local-adapter-not-blocked.ts';
import { prdReviewDateGate } from './prd-review-date.ts';
import { referencesGate } from './references.ts';
import { repositoryLinksGate } from './repository-links.ts';
import { reviewOverdueGate } from './review-overdue.ts';
import { stage2NotBlockedGate } from './stage2-not-blocked.ts';
import { targetRepositoryGate } from './target-repository.ts';

export const gates: readonly Gate[] = [
  branchBClassesGate, // DP204
  repositoryLinksGate, // DP208
  prdReviewDateGate, // DP209
  criterionAnchorsGate, // DP210
  referencesGate, // DP300–DP304
  branchBUnadmittedProviderGate, // DP400
  branchBExternalProviderGate, // DP401
  admissionMismatchGate, // DP402
  reviewOverdueGate, // DP403
  targetRepositoryGate, // DP502
  copiedRuntimeEvidenceGate, // DP503
  evidenceVerificationFailedGate, // DP504, DP505, DP507
  evidenceUnverifiedGate, // DP506
  localAdapterNotBlockedGate, // DP700
  stage2NotBlockedGate, // DP701
  authorityDoneWithoutEvidenceGate, // DP702
];
