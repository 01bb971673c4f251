// Rule DP402: listed evidence of a kind with `must_match_decision` names exactly the decision's non-empty values of those fields.
import { ownValue } from '../core/own-value.ts';
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { pathsOfType } from '../kinds/compile-kind.ts';
import { decisionsInKinds, listedEvidence } from './decision-evidence.ts';

export const evidenceMismatchGate: Gate = (records) => {
  const issues: Issue[] = [];
  for (const { decision, kind, state } of decisionsInKinds(records)) {
    for (const listField of pathsOfType(state.fields, 'evidence_list')) {
      for (const { index, evidence } of listedEvidence(records, decision.data, listField)) {
        const declared = Object.hasOwn(kind.data.evidence_kinds, evidence.data.kind) ? kind.data.evidence_kinds[evidence.data.kind] : undefined;
        const fields = declared?.must_match_decision ?? [];
        const differing = fields.filter((key) => {
          const own = ownValue(decision.data, key);
          return typeof own === 'string' && own !== '' && ownValue(evidence.data, key) !== own;
        });
        if (differing.length === 0) continue;
        const field = `${listField}[${index}]`;
        const names = differing.join(' and ');
        issues.push(
          issueAt(
            'DP402',
            decision,
            field,
            `${field} lists ${evidence.data.kind} evidence "${evidence.id}" whose ${names} differ${differing.length === 1 ? 's' : ''} from this decision's ${names}. Listed ${evidence.data.kind} evidence must name exactly the decision's ${fields.join(' and ')} (exact, case-sensitive strings).`,
          ),
        );
      }
    }
  }
  return issues;
};
