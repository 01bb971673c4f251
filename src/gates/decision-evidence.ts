// Shared by the branch and work-item gates (not a gate): the evidence a decision lists in evidence_sources.
// Only listed evidence counts: an admission or stage2-report that the decision does not list is ignored.
import type { Loaded, RecordSet } from '../core/record-set.ts';
import type { BranchDecision, Decision } from '../schemas/decision.ts';
import type { AdmissionEvidence, EvidenceReference } from '../schemas/evidence-reference.ts';

export interface ListedEvidence {
  /** Position in evidence_sources. */
  index: number;
  evidence: Loaded<EvidenceReference>;
}

export function isBranch(decision: Decision): decision is BranchDecision {
  return decision.decision_status !== 'not_decided';
}

/** Schema-valid evidence the decision lists, with its index; ids that do not resolve are skipped (DP300 reports them). */
export function listedEvidence(records: RecordSet, decision: Decision): ListedEvidence[] {
  if (!isBranch(decision)) return [];
  const listed: ListedEvidence[] = [];
  decision.evidence_sources.forEach((id, index) => {
    const evidence = records.evidence.get(id);
    if (evidence) listed.push({ index, evidence });
  });
  return listed;
}

export function listedAdmissions(records: RecordSet, decision: Decision): { index: number; evidence: Loaded<AdmissionEvidence> }[] {
  return listedEvidence(records, decision).filter(
    (item): item is { index: number; evidence: Loaded<AdmissionEvidence> } => item.evidence.data.kind === 'admission',
  );
}

/** The decision names a non-empty provider and model, and a listed admission admits exactly both. */
export function listsMatchingAdmission(records: RecordSet, decision: Decision): boolean {
  if (!isBranch(decision) || decision.provider === '' || decision.model === '') return false;
  return listedAdmissions(records, decision).some(
    ({ evidence }) => evidence.data.provider === decision.provider && evidence.data.model === decision.model,
  );
}

/** A listed stage2-report has result: pass. */
export function listsPassingStage2Report(records: RecordSet, decision: Decision): boolean {
  return listedEvidence(records, decision).some(({ evidence }) => evidence.data.kind === 'stage2-report' && evidence.data.result === 'pass');
}

/** Both conditions under which the Stage 2 item may move and the admission authority may be done. */
export function admittedWithStage2Pass(records: RecordSet, decision: Decision): boolean {
  return listsMatchingAdmission(records, decision) && listsPassingStage2Report(records, decision);
}
