// Rule DP403: a review_trigger written as a date (YYYY-MM-DD) is not before the build's date; a condition text is never overdue.
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { isBranch } from './decision-evidence.ts';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

export const reviewOverdueGate: Gate = (records, context) => {
  const issues: Issue[] = [];
  for (const decision of records.decisions.values()) {
    const data = decision.data;
    if (!isBranch(data) || !datePattern.test(data.review_trigger)) continue;
    // Both are YYYY-MM-DD, so string order is date order.
    if (data.review_trigger < context.today) {
      issues.push(
        issueAt(
          'DP403',
          decision,
          'review_trigger',
          `"review_trigger" is a date before the build's date (${context.today}): the review is overdue. Allowed: the build's date or a later one, or a condition text.`,
        ),
      );
    }
  }
  return issues;
};
