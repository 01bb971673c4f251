// Site-relative URLs, honouring the configured base path (GitHub Pages serves under /<repo>/).
const base = ((import.meta.env as Partial<ImportMetaEnv> | undefined)?.BASE_URL ?? '/').replace(/\/?$/, '/');

export function url(path = ''): string {
  return `${base}${path.replace(/^\//, '')}`;
}

export const packetUrl = (id: string) => url(`packets/${encodeURIComponent(id)}/`);
export const workItemUrl = (id: string) => url(`work-items/${encodeURIComponent(id)}/`);
export const evidenceUrl = (id: string) => url(`evidence/${encodeURIComponent(id)}/`);
export const ruleUrl = (id: string) => url(`rules/#${id.toLowerCase()}`);
