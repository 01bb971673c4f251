// Site-relative URLs, honouring the configured base path (GitHub Pages serves under /<repo>/) and
// the integration's prefix (a team's own site keeps the packets under /<prefix>/). The prefix is
// shared through globalThis: the integration sets it, the routes (Vite's module graph) read it.
const base = ((import.meta.env as Partial<ImportMetaEnv> | undefined)?.BASE_URL ?? '/').replace(/\/?$/, '/');
const prefixKey = Symbol.for('decision-packet.site-prefix');

/** '' or `<segments>/` (packet-options.ts resolvePrefix). */
export function setSitePrefix(prefix: string): void {
  (globalThis as Record<symbol, unknown>)[prefixKey] = prefix;
}

/** The URL every page of the site is under: the base path, then the prefix. */
function siteRoot(): string {
  return `${base}${((globalThis as Record<symbol, unknown>)[prefixKey] as string | undefined) ?? ''}`;
}

export function url(path = ''): string {
  return `${siteRoot()}${path.replace(/^\//, '')}`;
}

export const packetUrl = (id: string) => url(`packets/${encodeURIComponent(id)}/`);
export const workItemUrl = (id: string) => url(`work-items/${encodeURIComponent(id)}/`);
export const evidenceUrl = (id: string) => url(`evidence/${encodeURIComponent(id)}/`);
export const ruleUrl = (id: string) => url(`rules/#${id.toLowerCase()}`);
