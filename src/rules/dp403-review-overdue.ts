// DP403: a `date_or_condition` field written as a date (YYYY-MM-DD) is not before the build's
// date; a condition text is never overdue.
import { defineRule } from './define-rule.ts';
import { ownValue } from '../core/own-value.ts';
import type { Issue } from '../core/issue.ts';
import { fieldAt, type Gate } from '../core/record-set.ts';
import { classifyReviewTrigger } from '../core/review-trigger.ts';
import { decisionsInKinds } from '../gates/decision-evidence.ts';

const reviewOverdue: Gate = (records, context) => {
  const issues: Issue[] = [];
  for (const { decision, state } of decisionsInKinds(records)) {
    for (const [name, spec] of state.fields) {
      const value = ownValue(decision.data, name);
      if (spec.type !== 'date_or_condition' || typeof value !== 'string') continue;
      // Only a date can be overdue; a malformed value is refused by the schema.
      const trigger = classifyReviewTrigger(value);
      // Both are YYYY-MM-DD, so string order is date order.
      if (trigger.kind !== 'date' || trigger.date >= context.today) continue;
      issues.push(dp403.report('overdue', fieldAt(decision, name), { field: name, today: context.today }));
    }
  }
  return issues;
};

export const dp403 = defineRule({
  id: 'DP403',
  name: 'review-overdue',
  title: 'A date-or-condition field written as a date is not in the past',
  refusal: 12,
  hint: 'Review the decision and set a new date (or a condition). The build date comes from SOURCE_DATE_EPOCH or PACKET_TODAY when set.',
  messages: {
    overdue: (d: { field: string; today: string }) =>
      `${d.field} is a date before the build's date (${d.today}): the review is overdue. Allowed: the build's date or a later one, or a condition text.`,
  },
  check: reviewOverdue,
});
