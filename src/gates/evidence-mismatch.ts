// Rule DP402: evidence listed where a requirement with `matches` looks names exactly the decision's non-empty values
// of those fields.
import { ownValue } from '../core/own-value.ts';
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate, type LoadedKind } from '../core/record-set.ts';
import { pathsOfType } from '../kinds/compile-kind.ts';
import { decisionsInKinds, listedEvidence } from './decision-evidence.ts';

export const evidenceMismatchGate: Gate = (records) => {
  const issues: Issue[] = [];
  for (const { decision, kind, state } of decisionsInKinds(records)) {
    for (const listField of pathsOfType(state.fields, 'evidence_list')) {
      for (const { index, evidence } of listedEvidence(records, decision.data, listField)) {
        const fields = matchedFields(kind, listField, evidence.data.kind);
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

/** The fields that requirements with `matches` over this list and evidence kind compare. */
function matchedFields(kind: LoadedKind, listField: string, evidenceKind: string): string[] {
  const requirements = Object.values(kind.data.requirements ?? {});
  const named = requirements.filter((requirement) => requirement.listed_in === listField && requirement.evidence === evidenceKind);
  return [...new Set(named.flatMap((requirement) => requirement.matches ?? []))];
}
