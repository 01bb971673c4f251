// Rule DP701: a decision's stage2 work item stays blocked until the decision lists an admission matching its provider/model and a stage2-report with result: pass.
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { admittedWithStage2Pass } from './decision-evidence.ts';

export const stage2NotBlockedGate: Gate = (records) => {
  const issues: Issue[] = [];
  for (const decision of records.decisions.values()) {
    const item = records.workItems.get(decision.data.work_items.stage2);
    if (!item || item.data.status === 'blocked') continue;
    if (admittedWithStage2Pass(records, decision.data)) continue;
    issues.push(
      issueAt(
        'DP701',
        item,
        'status',
        `"status" of this work item must be "blocked": it is the Stage 2 run (work_items.stage2) of decision "${decision.id}", and that decision does not list in "evidence_sources" both an admission evidence admitting exactly its provider and model and a stage2-report with result: pass. Another status is allowed only with both.`,
      ),
    );
  }
  return issues;
};
