// Every gate, in catalog order. Each is a pure function of the record set and the context.
import type { Gate } from '../core/record-set.ts';
import { classPatternsGate } from './class-patterns.ts';
import { copiedRuntimeEvidenceGate } from './copied-runtime-evidence.ts';
import { criterionAnchorsGate } from './criterion-anchors.ts';
import { criterionTraceAnchorsGate } from './criterion-trace-anchors.ts';
import { decisionReferenceCycleGate } from './decision-reference-cycle.ts';
import { evidenceMismatchGate } from './evidence-mismatch.ts';
import { evidenceUnverifiedGate, evidenceVerificationFailedGate } from './evidence-verification.ts';
import { forbiddenTermsGate } from './forbidden-terms.ts';
import { prdReviewDateGate } from './prd-review-date.ts';
import { referencesGate } from './references.ts';
import { repositoryLinksGate } from './repository-links.ts';
import { reviewOverdueGate } from './review-overdue.ts';
import { roleDoneGate } from './role-done.ts';
import { roleRequirementsGate } from './role-requirements.ts';
import { roleStateGate } from './role-state.ts';
import { targetRepositoryGate } from './target-repository.ts';
import { valueNotAdmittedGate } from './value-not-admitted.ts';
import { approvalsGate } from '../approvals/gate.ts';
import { pathGlobSyntaxGate } from '../rules/path-glob-syntax.ts';
import { pathGlobUnmatchedGate } from '../rules/path-glob-unmatched.ts';
import { retiredDecisionCitedGate } from '../rules/retired-decision-cited.ts';

export const gates: readonly Gate[] = [
  classPatternsGate, // DP204
  repositoryLinksGate, // DP208
  prdReviewDateGate, // DP209
  criterionAnchorsGate, // DP210
  criterionTraceAnchorsGate, // DP212 (criterion traces)
  referencesGate, // DP300–DP305
  decisionReferenceCycleGate, // DP306
  pathGlobSyntaxGate, // DP307
  pathGlobUnmatchedGate, // DP308
  retiredDecisionCitedGate, // DP309 (a warning)
  valueNotAdmittedGate, // DP400
  forbiddenTermsGate, // DP401
  evidenceMismatchGate, // DP402
  reviewOverdueGate, // DP403
  targetRepositoryGate, // DP502
  copiedRuntimeEvidenceGate, // DP503
  evidenceVerificationFailedGate, // DP504, DP505, DP507
  evidenceUnverifiedGate, // DP506
  roleStateGate, // DP700
  roleRequirementsGate, // DP701
  roleDoneGate, // DP702
  approvalsGate, // DP900–DP911 (DP912: check --base)
];
