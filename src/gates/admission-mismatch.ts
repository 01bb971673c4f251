// Rule DP402: every admission evidence a branch decision lists admits exactly the decision's non-empty provider and model.
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { isBranch, listedAdmissions } from './decision-evidence.ts';

export const admissionMismatchGate: Gate = (records) => {
  const issues: Issue[] = [];
  for (const decision of records.decisions.values()) {
    const data = decision.data;
    if (!isBranch(data)) continue;
    for (const { index, evidence } of listedAdmissions(records, data)) {
      const differing = (['provider', 'model'] as const).filter((key) => data[key] !== '' && evidence.data[key] !== data[key]);
      if (differing.length === 0) continue;
      const field = `evidence_sources[${index}]`;
      const names = differing.map((key) => `"${key}"`).join(' and ');
      issues.push(
        issueAt(
          'DP402',
          decision,
          field,
          `"${field}" lists admission evidence "${evidence.id}" whose ${names} differ${differing.length === 1 ? 's' : ''} from this decision's ${names}. An admission listed by a decision must admit exactly the decision's provider and model (exact, case-sensitive strings).`,
        ),
      );
    }
  }
  return issues;
};
