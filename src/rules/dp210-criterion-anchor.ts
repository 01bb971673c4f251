// DP210: each acceptance criterion of a PRD (or of an own-body decision) has a valid anchor of
// its own (reviews link to them).
import { defineRule } from './define-rule.ts';
import type { Issue } from '../core/issue.ts';
import type { Gate } from '../core/record-set.ts';
import { criterionAnchors } from '../markdown/criteria.ts';
import { anchorsNeedChecking } from '../markdown/criterion-anchors.ts';

const criterionAnchorsCheck: Gate = (records) => {
  const issues: Issue[] = [];
  const documents = [
    ...records.prds.values(),
    ...[...records.decisions.values()].flatMap((decision) =>
      decision.body === undefined ? [] : [{ file: decision.file, body: decision.body, bodyLine: decision.bodyLine ?? 1 }],
    ),
  ];
  for (const prd of documents) {
    // Positional anchors (ac-1, ac-2, …) are unique by construction; only named ones can clash.
    // A PRD whose markers cannot break the rule is not parsed (see anchorsNeedChecking).
    if (!anchorsNeedChecking(prd.body)) continue;
    const seen = new Map<string, number>();
    for (const criterion of criterionAnchors(prd.body, prd.bodyLine)) {
      const at = { file: prd.file, line: criterion.line, column: 1 };
      if (criterion.invalidName !== undefined) {
        issues.push(dp210.report('invalid', at));
        continue;
      }
      const earlier = seen.get(criterion.anchor);
      if (earlier !== undefined) issues.push(dp210.report('duplicate', at, { anchor: criterion.anchor, line: earlier }));
      else seen.set(criterion.anchor, criterion.line);
    }
  }
  return issues;
};

export const dp210 = defineRule({
  id: 'DP210',
  name: 'criterion-anchor',
  title: 'Acceptance-criterion anchors are valid and unique',
  refusal: 13,
  hint: 'End a criterion with {#name}, where name starts with a letter and holds lowercase letters, digits and "-"; give each criterion its own name.',
  messages: {
    invalid: () =>
      'The criterion ends with a {#…} anchor marker whose name is not valid: it must start with a letter and hold lowercase letters, digits and "-".',
    duplicate: (d: { anchor: string; line: number | string }) =>
      `The criterion's anchor #${d.anchor} is already used by the criterion on line ${d.line}.`,
  },
  check: criterionAnchorsCheck,
});
