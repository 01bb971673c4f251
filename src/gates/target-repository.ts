// Rule DP502: evidence never points into a target repository (by repository id, by repository URL, or by a path under a target path_prefix).
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { repositoryBaseUrl } from '../core/links.ts';
import { isWithinPrefix } from '../core/repository-path.ts';

/** Compares repository URLs ignoring scheme, case, trailing slashes and a `.git` suffix. */
export function sameRepositoryUrl(a: string, b: string): boolean {
  const key = (url: string) => repositoryBaseUrl(url).replace(/^https?:\/\//i, '').toLowerCase();
  return key(a) === key(b);
}

export const targetRepositoryGate: Gate = (records) => {
  const issues: Issue[] = [];
  const repositories = records.repositories?.data.repositories ?? [];
  const targets = records.repositories?.data.target_repositories ?? [];
  if (targets.length === 0) return issues;
  const targetIds = new Set(targets.map((target) => target.id));
  const prefixes = targets.flatMap((target) => (target.path_prefix === undefined ? [] : [target.path_prefix]));
  for (const evidence of records.evidence.values()) {
    const data = evidence.data;
    if (targetIds.has(data.repository)) {
      issues.push(issueAt('DP502', evidence, 'repository', '"repository" names a target repository. Evidence may point only at source repositories listed under "repositories" in repositories.yaml.'));
    } else {
      const repository = repositories.find((candidate) => candidate.id === data.repository);
      if (repository && targets.some((target) => sameRepositoryUrl(target.url, repository.url))) {
        issues.push(issueAt('DP502', evidence, 'repository', '"repository" names a repository whose URL is a target repository\'s URL. Evidence may point only at source repositories, never at a target repository.'));
      }
    }
    // Case-insensitive: on case-insensitive file systems `Vendor/Target` is the same folder.
    const path = data.path.toLowerCase();
    if (prefixes.some((prefix) => isWithinPrefix(path, prefix.toLowerCase()))) {
      issues.push(issueAt('DP502', evidence, 'path', '"path" is inside a target repository\'s path_prefix. Evidence may point only at paths outside every target path_prefix, in any repository.'));
    }
  }
  return issues;
};
