// Repository URLs compared as names of a repository (rule DP502, src/rules/dp502-target-repository.ts).
import { repositoryBaseUrl } from '../core/links.ts';

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
    return repositoryBaseUrl(url)
      .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
      .toLowerCase();
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
