// Links to a commit and to a file at a commit in a repository of repositories.yaml. GitHub and
// GitLab are known by host; any other host needs explicit templates ({commit}, {path}), and an
// explicit template always wins. Undefined when no link can be formed (gate DP208 refuses that).
import type { Repository } from '../schemas/repositories.ts';

export type LinkStyle = 'github' | 'gitlab';

/** The repository's web URL without trailing slashes and without a `.git` suffix. */
export function repositoryBaseUrl(url: string): string {
  let base = url.trim();
  for (;;) {
    const trimmed = base.replace(/\/+$/, '').replace(/\.git$/i, '');
    if (trimmed === base) return base;
    base = trimmed;
  }
}

/** Which link style a repository URL's host implies; undefined for other hosts. */
export function linkStyle(url: string): LinkStyle | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  if (host === 'github.com' || host === 'www.github.com') return 'github';
  if (host === 'gitlab.com' || host.includes('gitlab')) return 'gitlab';
  return undefined;
}

/** A repository path with each segment URI-encoded; the "/" separators stay. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function fillTemplate(template: string, values: Record<string, string>): string {
  // A function replacement: "$&"-style patterns in a value are never interpreted.
  return template.replace(/\{(commit|path)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}

export function commitUrl(repository: Pick<Repository, 'url' | 'commit_url_template'>, commit: string): string | undefined {
  const sha = encodeURIComponent(commit);
  if (repository.commit_url_template) return fillTemplate(repository.commit_url_template, { commit: sha });
  const base = repositoryBaseUrl(repository.url);
  switch (linkStyle(repository.url)) {
    case 'github':
      return `${base}/commit/${sha}`;
    case 'gitlab':
      return `${base}/-/commit/${sha}`;
    default:
      return undefined;
  }
}

export function fileUrl(repository: Pick<Repository, 'url' | 'file_url_template'>, commit: string, path: string): string | undefined {
  const sha = encodeURIComponent(commit);
  const encoded = encodePath(path);
  if (repository.file_url_template) return fillTemplate(repository.file_url_template, { commit: sha, path: encoded });
  const base = repositoryBaseUrl(repository.url);
  switch (linkStyle(repository.url)) {
    case 'github':
      return `${base}/blob/${sha}/${encoded}`;
    case 'gitlab':
      return `${base}/-/blob/${sha}/${encoded}`;
    default:
      return undefined;
  }
}
