// Rule DP210: each acceptance criterion of a PRD (or of an own-body decision) has a valid anchor of its own (reviews link to them).
import type { Issue } from '../core/issue.ts';
import type { Gate } from '../core/record-set.ts';
import { getRule } from '../rules/catalog.ts';
import { criterionAnchors } from '../markdown/criteria.ts';
import { anchorsNeedChecking } from '../markdown/criterion-anchors.ts';

export const criterionAnchorsGate: Gate = (records) => {
  const issues: Issue[] = [];
  const documents = [
    ...records.prds.values(),
    ...[...records.decisions.values()].flatMap((decision) => (decision.body === undefined ? [] : [{ file: decision.file, body: decision.body, bodyLine: decision.bodyLine ?? 1 }])),
  ];
  for (const prd of documents) {
    // Positional anchors (ac-1, ac-2, …) are unique by construction; only named ones can clash.
    // A PRD whose markers cannot break the rule is not parsed (see anchorsNeedChecking).
    if (!anchorsNeedChecking(prd.body)) continue;
    const seen = new Map<string, number>();
    for (const criterion of criterionAnchors(prd.body, prd.bodyLine)) {
      const at = { ruleId: 'DP210', file: prd.file, line: criterion.line, column: 1, hint: getRule('DP210').hint };
      if (criterion.invalidName !== undefined) {
        issues.push({ ...at, message: 'The criterion ends with a {#…} anchor marker whose name is not valid: it must start with a letter and hold lowercase letters, digits and "-".' });
        continue;
      }
      const earlier = seen.get(criterion.anchor);
      if (earlier !== undefined) {
        issues.push({ ...at, message: `The criterion's anchor #${criterion.anchor} is already used by the criterion on line ${earlier}.` });
      } else {
        seen.set(criterion.anchor, criterion.line);
      }
    }
  }
  return issues;
};
