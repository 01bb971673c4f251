// Rule DP702: a decision's admission authority (work_item) is done only when the decision lists a matching admission and a stage2-report with result: pass.
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { admittedWithStage2Pass } from './decision-evidence.ts';

export const authorityDoneWithoutEvidenceGate: Gate = (records) => {
  const issues: Issue[] = [];
  for (const decision of records.decisions.values()) {
    const item = records.workItems.get(decision.data.work_item);
    if (!item || item.data.status !== 'done') continue;
    if (admittedWithStage2Pass(records, decision.data)) continue;
    issues.push(
      issueAt(
        'DP702',
        item,
        'status',
        `"status" of this work item is "done", but it is the admission authority (work_item) of decision "${decision.id}", which does not list in "evidence_sources" both an admission evidence admitting exactly its provider and model and a stage2-report with result: pass. Allowed: "blocked", "candidate" or "in_progress" until both are listed.`,
      ),
    );
  }
  return issues;
};
