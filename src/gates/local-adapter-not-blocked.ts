// Rule DP700: a decision's local_adapter work item stays blocked unless decision_status is local_provider_required.
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';

export const localAdapterNotBlockedGate: Gate = (records) => {
  const issues: Issue[] = [];
  for (const decision of records.decisions.values()) {
    const data = decision.data;
    if (data.decision_status === 'local_provider_required') continue;
    const item = records.workItems.get(data.work_items.local_adapter);
    if (!item || item.data.status === 'blocked') continue;
    issues.push(
      issueAt(
        'DP700',
        item,
        'status',
        `"status" of this work item must be "blocked": it is the local adapter (work_items.local_adapter) of decision "${decision.id}", whose decision_status is ${data.decision_status}. Only decision_status local_provider_required allows another status.`,
      ),
    );
  }
  return issues;
};
