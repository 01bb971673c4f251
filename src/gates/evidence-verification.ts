// Rules DP504, DP505, DP507 and DP506: evidence verification against local clones; failures are reported, and unverified evidence is an error when verification is required.
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';

/** Reports each evidence whose verification failed, on `commit` (DP504, DP507) or `path` (DP505). */
export const evidenceVerificationFailedGate: Gate = (records, context) => {
  const issues: Issue[] = [];
  for (const evidence of records.evidence.values()) {
    const result = context.verification.get(evidence.id);
    if (result?.status !== 'failed') continue;
    issues.push(issueAt(result.ruleId, evidence, result.ruleId === 'DP505' ? 'path' : 'commit', result.message));
  }
  return issues;
};

/** With requireVerifiedEvidence, every evidence not verified (and not already failed) is DP506. */
export const evidenceUnverifiedGate: Gate = (records, context) => {
  const issues: Issue[] = [];
  if (!context.requireVerifiedEvidence) return issues;
  for (const evidence of records.evidence.values()) {
    const result = context.verification.get(evidence.id);
    if (result?.status === 'verified' || result?.status === 'failed') continue;
    const reason = result?.status === 'not-verified' ? ` ${result.reason}` : ' Verification was not attempted.';
    issues.push(
      issueAt(
        'DP506',
        evidence,
        'commit',
        `The commit of this evidence was not verified against a local clone of its repository, and this build requires verified evidence.${reason}`,
      ),
    );
  }
  return issues;
};
