// Splits a rendered PRD (prd-html.ts: every heading `<hN id="prd-…">`) into its top-level
// sections, so the packet page can fold the ones its own structured sections already show.

export interface PrdSection {
  /** The section heading's anchor (`prd-…`); undefined for the text before the first section. */
  id?: string;
  /** The heading's plain text. */
  title: string;
  html: string;
}

const heading = /<h([1-6]) id="(prd-[a-z0-9-]+)">([\s\S]*?)<\/h\1>/g;

function plain(html: string): string {
  return html
    .replace(/<a class="anchor-link"[\s\S]*?<\/a>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The top level is the shallowest heading level once a lone first heading (the PRD's title) is
 * set aside. Text before the first top-level heading (title, preamble) is the first section.
 */
export function prdSections(html: string, pageTitle?: string): PrdSection[] {
  // A lone first heading that only repeats the page's own title is dropped: the page shows it once.
  const first = /^\s*<h([1-6]) id="prd-[a-z0-9-]+">([\s\S]*?)<\/h\1>/.exec(html);
  if (first && pageTitle !== undefined && comparable(plain(first[2]!)) === comparable(pageTitle)) html = html.slice(first[0].length);
  const found = [...html.matchAll(heading)].map((match) => ({
    level: Number(match[1]),
    id: match[2]!,
    title: plain(match[3]!),
    index: match.index,
  }));
  if (found.length === 0) return [{ title: '', html }];
  const lead = found[0]!;
  const rest = found.slice(1);
  const titleAlone = rest.length > 0 && rest.every((entry) => entry.level > lead.level);
  const top = Math.min(...(titleAlone ? rest : found).map((entry) => entry.level));
  const starts = found.filter((entry) => entry.level === top && !(titleAlone && entry === lead));
  const sections: PrdSection[] = [];
  if (starts[0]!.index > 0) sections.push({ title: '', html: html.slice(0, starts[0]!.index) });
  starts.forEach((start, position) => {
    const end = starts[position + 1]?.index ?? html.length;
    sections.push({ id: start.id, title: start.title, html: html.slice(start.index, end) });
  });
  return sections;
}

/** Letters and digits only, lowercased: "Option A - External" and "Option A — External" agree. */
export function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Every heading text inside a section's HTML, comparable. */
export function headingsIn(section: PrdSection): string[] {
  return [...section.html.matchAll(heading)].map((match) => comparable(plain(match[3]!)));
}
