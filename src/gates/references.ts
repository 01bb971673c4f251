// Rule DP300–DP305: every id a record names resolves to a file of the right kind.
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { pathsOfType, valueAtPath } from '../kinds/compile-kind.ts';
import { referenceTypes } from '../field-types/index.ts';
import { decisionsInKinds } from './decision-evidence.ts';

export const referencesGate: Gate = (records) => {
  const issues: Issue[] = [];
  for (const { decision, state } of decisionsInKinds(records)) {
    for (const { type, record: recordKind, rule: ruleId, what } of referenceTypes) {
      for (const field of pathsOfType(state.fields, type)) {
        const id = valueAtPath(decision.data, field);
        if (typeof id === 'string' && !records.ids[recordKind].has(id)) issues.push(issueAt(ruleId, decision, field, `${field} names ${what}.`));
      }
    }
    for (const listField of pathsOfType(state.fields, 'evidence_list')) {
      const ids = valueAtPath(decision.data, listField);
      if (!Array.isArray(ids)) continue;
      ids.forEach((id, index) => {
        if (!records.ids.evidence.has(String(id))) {
          const field = `${listField}[${index}]`;
          issues.push(issueAt('DP300', decision, field, `${field} names evidence that does not exist: there is no evidence/<id>.yaml for it.`));
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
      issues.push(issueAt('DP303', evidence, 'repository', `repository names a repository that repositories.yaml does not list.`));
    }
    evidence.data.packets?.forEach((id, index) => {
      if (!records.ids.decision.has(id)) {
        issues.push(issueAt('DP304', evidence, `packets[${index}]`, `packets[${index}] names a packet that does not exist: there is no decisions/<id>.yaml (or .md) for it.`));
      }
    });
  }
  return issues;
};
