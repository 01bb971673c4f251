// Rule DP502: evidence never points into a target repository (by repository id, by repository URL, or by a path under a target path_prefix).
import type { Issue } from '../core/issue.ts';
import { issueAt, type Gate } from '../core/record-set.ts';
import { repositoryBaseUrl } from '../core/links.ts';
import { isWithinPrefix } from '../core/repository-path.ts';

const defaultPorts: Record<string, string> = { 'http:': '80', 'https:': '443', 'ssh:': '22', 'git:': '9418' };

/**
 * A repository URL reduced to what names the repository: host (lower case, without `www.`, a
 * default port, user info or a trailing dot) and path (lower case, doubled slashes collapsed,
 * without trailing slashes, a `.git` suffix, query or fragment). The scheme is ignored.
 */
export function repositoryUrlKey(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return repositoryBaseUrl(url).replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').toLowerCase();
  }
  let host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('www.')) host = host.slice(4);
  const port = parsed.port !== '' && parsed.port !== defaultPorts[parsed.protocol] ? `:${parsed.port}` : '';
  const pathname = repositoryBaseUrl(parsed.pathname.replace(/\/{2,}/g, '/')).toLowerCase();
  return `${host}${port}${pathname}`;
}

/** Compares repository URLs after normalising them (repositoryUrlKey). */
export function sameRepositoryUrl(a: string, b: string): boolean {
  return repositoryUrlKey(a) === repositoryUrlKey(b);
}

export const targetRepositoryGate: Gate = (records) => {
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
      issues.push(issueAt('DP502', evidence, 'repository', '"repository" names a target repository. Evidence may point only at source repositories listed under "repositories" in repositories.yaml.'));
    } else {
      const repository = repositories.find((candidate) => candidate.id === data.repository);
      if (repository && targetKeys.has(repositoryUrlKey(repository.url))) {
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
