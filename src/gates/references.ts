// Rule DP300–DP303: every id a record names resolves to a file of the right kind.
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';

export const referencesGate: Gate = (records) => {
  const issues: Issue[] = [];
  for (const decision of records.decisions.values()) {
    const data = decision.data;
    if (!records.ids.prd.has(data.prd)) {
      issues.push(issueAt('DP301', decision, 'prd', `"prd" names a PRD that does not exist: there is no prds/<id>.md for it.`));
    }
    const workItems: [string, string][] = [
      ['work_item', data.work_item],
      ['work_items.local_adapter', data.work_items.local_adapter],
      ['work_items.stage2', data.work_items.stage2],
    ];
    for (const [field, id] of workItems) {
      if (!records.ids['work-item'].has(id)) {
        issues.push(issueAt('DP302', decision, field, `"${field}" names a work item that does not exist: there is no work-items/<ID>.yaml for it.`));
      }
    }
    if (data.decision_status !== 'not_decided') {
      data.evidence_sources.forEach((id, index) => {
        if (!records.ids.evidence.has(id)) {
          const field = `evidence_sources[${index}]`;
          issues.push(issueAt('DP300', decision, field, `"${field}" names evidence that does not exist: there is no evidence/<id>.yaml for it.`));
        }
      });
    }
  }
  const known = new Set((records.repositories?.data.repositories ?? []).map((repository) => repository.id));
  const targets = new Set((records.repositories?.data.target_repositories ?? []).map((target) => target.id));
  // When repositories.yaml exists but failed its schema, its own error says so; do not cascade.
  const repositoriesUnreadable = records.ids.repositories.size > 0 && records.repositories === undefined;
  for (const evidence of records.evidence.values()) {
    // A target repository is refused by DP502, not reported as unknown.
    if (!repositoriesUnreadable && !known.has(evidence.data.repository) && !targets.has(evidence.data.repository)) {
      issues.push(issueAt('DP303', evidence, 'repository', `"repository" names a repository that repositories.yaml does not list.`));
    }
    evidence.data.packets?.forEach((id, index) => {
      if (!records.ids.decision.has(id)) {
        issues.push(issueAt('DP304', evidence, `packets[${index}]`, `"packets[${index}]" names a packet that does not exist: there is no decisions/<id>.yaml for it.`));
      }
    });
  }
  return issues;
};
