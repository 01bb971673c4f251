// DP402: evidence listed where a requirement with `matches` looks names exactly the decision's
// non-empty values of those fields.
import { defineRule } from './define-rule.ts';
import { ownValue } from '../core/own-value.ts';
import type { Issue } from '../core/issue.ts';
import { fieldAt, type Gate, type LoadedKind } from '../core/record-set.ts';
import { pathsOfType } from '../kinds/compile-kind.ts';
import { decisionsInKinds, listedEvidence } from '../gates/decision-evidence.ts';

const evidenceMismatch: Gate = (records) => {
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
        const data = {
          field,
          evidenceKind: evidence.data.kind,
          evidence: evidence.id,
          names: differing.join(' and '),
          differ: differing.length === 1 ? 'differs' : 'differ',
          fields: fields.join(' and '),
        };
        issues.push(dp402.report('differs', fieldAt(decision, field), data));
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

export const dp402 = defineRule({
  id: 'DP402',
  name: 'evidence-mismatch',
  title: "Listed evidence names exactly the decision's values",
  refusal: 5,
  hint: "Make the decision's fields and the evidence name the same exact strings, or list the evidence that does.",
  messages: {
    differs: (d: { field: string; evidenceKind: string; evidence: string; names: string; differ: string; fields: string }) =>
      `${d.field} lists ${d.evidenceKind} evidence "${d.evidence}" whose ${d.names} ${d.differ} from this decision's ${d.names}. Listed ${d.evidenceKind} evidence must name exactly the decision's ${d.fields} (exact, case-sensitive strings).`,
  },
  check: evidenceMismatch,
});
