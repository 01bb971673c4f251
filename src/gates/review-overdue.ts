// Rule DP403: a `date_or_condition` field written as a date (YYYY-MM-DD) is not before the build's date; a condition text is never overdue.
import { ownValue } from '../core/own-value.ts';
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { classifyReviewTrigger } from '../core/review-trigger.ts';
import { decisionsInKinds } from './decision-evidence.ts';

export const reviewOverdueGate: Gate = (records, context) => {
  const issues: Issue[] = [];
  for (const { decision, state } of decisionsInKinds(records)) {
    for (const [name, spec] of state.fields) {
      const value = ownValue(decision.data, name);
      if (spec.type !== 'date_or_condition' || typeof value !== 'string') continue;
      // Only a date can be overdue; a malformed value is refused by the schema.
      const trigger = classifyReviewTrigger(value);
      if (trigger.kind !== 'date') continue;
      // Both are YYYY-MM-DD, so string order is date order.
      if (trigger.date < context.today) {
        issues.push(
          issueAt(
            'DP403',
            decision,
            name,
            `${name} is a date before the build's date (${context.today}): the review is overdue. Allowed: the build's date or a later one, or a condition text.`,
          ),
        );
      }
    }
  }
  return issues;
};
