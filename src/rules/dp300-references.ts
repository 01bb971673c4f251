// DP300–DP305: every id a record names resolves to a file of the right kind. One check, on DP300,
// reports all six.
import { defineRule } from './define-rule.ts';
import type { Issue } from '../core/issue.ts';
import { fieldAt, type Gate } from '../core/record-set.ts';
import { pathsOfType, valueAtPath } from '../kinds/compile-kind.ts';
import { decisionsInKinds } from '../gates/decision-evidence.ts';
import { referenceTypes } from '../field-types/index.ts';

const references: Gate = (records) => {
  const issues: Issue[] = [];
  for (const { decision, state } of decisionsInKinds(records)) {
    for (const { type, record, rule } of referenceTypes()) {
      for (const field of pathsOfType(state.fields, type)) {
        const id = valueAtPath(decision.data, field);
        if (typeof id === 'string' && !records.ids[record].has(id))
          issues.push(rule().report('missing', fieldAt(decision, field), { field }));
      }
    }
    for (const listField of pathsOfType(state.fields, 'evidence_list')) {
      const ids = valueAtPath(decision.data, listField);
      if (!Array.isArray(ids)) continue;
      ids.forEach((id, index) => {
        const field = `${listField}[${index}]`;
        if (!records.ids.evidence.has(String(id))) issues.push(dp300.report('missing', fieldAt(decision, field), { field }));
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
      issues.push(dp303.report('missing', fieldAt(evidence, 'repository')));
    }
    evidence.data.packets?.forEach((id, index) => {
      const field = `packets[${index}]`;
      if (!records.ids.decision.has(id)) issues.push(dp304.report('missing', fieldAt(evidence, field), { field }));
    });
  }
  return issues;
};

export const dp300 = defineRule({
  id: 'DP300',
  name: 'unknown-evidence',
  title: 'evidence_sources names only existing evidence',
  refusal: 6,
  hint: 'Add content/evidence/<id>.yaml for the id, or correct the id in evidence_sources.',
  messages: {
    missing: (d: { field: string }) => `${d.field} names evidence that does not exist: there is no evidence/<id>.yaml for it.`,
  },
  check: references,
});

export const dp301 = defineRule({
  id: 'DP301',
  name: 'unknown-prd',
  title: 'A decision names an existing PRD',
  refusal: 6,
  hint: 'Add content/prds/<id>.md, or correct the prd field.',
  messages: {
    missing: (d: { field: string }) => `${d.field} names a PRD that does not exist: there is no prds/<id>.md for it.`,
  },
});

export const dp302 = defineRule({
  id: 'DP302',
  name: 'unknown-work-item',
  title: 'A decision names existing work items',
  refusal: 6,
  hint: 'Add content/work-items/<ID>.yaml, or correct the work item id.',
  messages: {
    missing: (d: { field: string }) => `${d.field} names a work item that does not exist: there is no work-items/<ID>.yaml for it.`,
  },
});

export const dp303 = defineRule({
  id: 'DP303',
  name: 'unknown-repository',
  title: 'Evidence names a repository listed in repositories.yaml',
  refusal: 6,
  hint: 'Add the repository to repositories.yaml, or correct the repository field.',
  messages: {
    missing: () => 'repository names a repository that repositories.yaml does not list.',
  },
});

export const dp304 = defineRule({
  id: 'DP304',
  name: 'unknown-packet',
  title: 'Evidence "packets" names existing decision records',
  refusal: 6,
  hint: 'Correct the id in "packets", or add content/decisions/<id>.yaml.',
  messages: {
    missing: (d: { field: string }) => `${d.field} names a packet that does not exist: there is no decisions/<id>.yaml (or .md) for it.`,
  },
});

export const dp305 = defineRule({
  id: 'DP305',
  name: 'unknown-decision',
  title: 'A decision names only existing decisions',
  refusal: 6,
  hint: 'Correct the decision id, or add content/decisions/<id>.yaml.',
  messages: {
    missing: (d: { field: string }) => `${d.field} names a decision that does not exist: there is no decisions/<id>.yaml (or .md) for it.`,
  },
});
