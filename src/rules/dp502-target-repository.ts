// DP502: evidence never points into a target repository (by repository id, by repository URL, or
// by a path under a target path_prefix).
import { defineRule } from './define-rule.ts';
import type { Issue } from '../core/issue.ts';
import { fieldAt, type Gate } from '../core/record-set.ts';
import { isWithinPrefix } from '../core/repository-path.ts';
import { repositoryUrlKey } from '../gates/target-repository.ts';

const targetRepository: Gate = (records) => {
  const issues: Issue[] = [];
  const repositories = records.repositories?.data.repositories ?? [];
  const targets = records.repositories?.data.target_repositories ?? [];
  if (targets.length === 0) return issues;
  const targetIds = new Set(targets.map((target) => target.id));
  const targetKeys = new Set(targets.map((target) => repositoryUrlKey(target.url)));
  const prefixes = targets.flatMap((target) => (target.path_prefix === undefined ? [] : [target.path_prefix]));
  for (const evidence of records.evidence.values()) {
    const data = evidence.data;
    if (targetIds.has(data.repository)) {
      issues.push(dp502.report('targetId', fieldAt(evidence, 'repository')));
    } else {
      const repository = repositories.find((candidate) => candidate.id === data.repository);
      if (repository && targetKeys.has(repositoryUrlKey(repository.url)))
        issues.push(dp502.report('targetUrl', fieldAt(evidence, 'repository')));
    }
    // Case-insensitive: on case-insensitive file systems `Vendor/Target` is the same folder.
    const path = data.path.toLowerCase();
    if (prefixes.some((prefix) => isWithinPrefix(path, prefix.toLowerCase())))
      issues.push(dp502.report('targetPath', fieldAt(evidence, 'path')));
  }
  return issues;
};

export const dp502 = defineRule({
  id: 'DP502',
  name: 'target-repository',
  title: 'Evidence never points into a target repository',
  refusal: 7,
  hint: 'Reference evidence in a source repository instead. No Target Repository path may be inspected or copied.',
  messages: {
    targetId: () =>
      '"repository" names a target repository. Evidence may point only at source repositories listed under "repositories" in repositories.yaml.',
    targetUrl: () =>
      '"repository" names a repository whose URL is a target repository\'s URL. Evidence may point only at source repositories, never at a target repository.',
    targetPath: () =>
      '"path" is inside a target repository\'s path_prefix. Evidence may point only at paths outside every target path_prefix, in any repository.',
  },
  check: targetRepository,
});
