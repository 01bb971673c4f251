// PRD markdown is data, not code: it is rendered by our own unified pipeline with raw HTML
// dropped and only http(s), mailto and relative links kept. Astro's default processor (Sätteri)
// would pass raw HTML and javascript: links through, so PRDs never go through it.
import type { Heading, List, ListItem, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const sanitizeSchema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'], src: ['http', 'https'] },
};

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
const toHtml = unified()
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeStringify);

export interface AcceptanceCriterion {
  /** Stable anchor: an explicit `{#id}` at the end of the item, else `ac-<n>` by position. */
  anchor: string;
  /** Plain text of the criterion, without the `{#id}` marker. */
  text: string;
  /** Sanitised inline HTML of the criterion. */
  html: string;
  /** 1-based line in the PRD file. */
  line: number;
}

export interface RenderedPrd {
  html: string;
  criteria: AcceptanceCriterion[];
}

const explicitAnchor = /\s*\{#([a-z0-9][a-z0-9-]{0,63})\}\s*$/;

/** Renders a PRD body; `bodyLine` is the file line where the body starts (for positions). */
export function renderPrd(body: string, bodyLine = 1): RenderedPrd {
  const tree = parser.parse(body) as Root;
  const criteria = extractCriteria(tree, bodyLine);
  stripAnchorMarkers(tree);
  // The PRD is shown inside the packet page, under its own h2: its headings move down two levels.
  demoteHeadings(tree, 2);
  const html = String(toHtml.stringify(toHtml.runSync(tree as never) as never));
  return { html, criteria };
}

function extractCriteria(tree: Root, bodyLine: number): AcceptanceCriterion[] {
  const criteria: AcceptanceCriterion[] = [];
  let inSection = false;
  let sectionDepth = 0;
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const heading = node as Heading;
      if (/^acceptance criteria$/i.test(toString(heading).trim())) {
        inSection = true;
        sectionDepth = heading.depth;
        continue;
      }
      if (inSection && heading.depth <= sectionDepth) inSection = false;
    }
    if (!inSection || node.type !== 'list') continue;
    for (const item of (node as List).children as ListItem[]) {
      // Raw HTML is dropped from the text as it is from the page (decision.json carries the text).
      const raw = toString(item, { includeHtml: false }).replace(/\s+/g, ' ').trim();
      const match = explicitAnchor.exec(raw);
      const text = match ? raw.slice(0, match.index).trim() : raw;
      const anchor = match ? `ac-${match[1]}` : `ac-${criteria.length + 1}`;
      const itemHtml = String(toHtml.stringify(toHtml.runSync({ type: 'root', children: stripMarkers(item).children } as never) as never));
      criteria.push({ anchor, text, html: unwrapParagraph(itemHtml), line: (item.position?.start.line ?? 1) + bodyLine - 1 });
    }
  }
  return criteria;
}

function stripMarkers(item: ListItem): ListItem {
  const copy = structuredClone(item);
  stripAnchorMarkers(copy as never);
  return copy;
}

// Removes `{#id}` markers from text nodes so they do not show in the page.
function stripAnchorMarkers(node: { type: string; value?: string; children?: unknown[] }): void {
  if (node.type === 'text' && typeof node.value === 'string') node.value = node.value.replace(explicitAnchor, '');
  for (const child of (node.children ?? []) as never[]) stripAnchorMarkers(child);
}

function unwrapParagraph(html: string): string {
  const trimmed = html.trim();
  return trimmed.startsWith('<p>') && trimmed.endsWith('</p>') && trimmed.indexOf('<p>', 1) === -1 ? trimmed.slice(3, -4) : trimmed;
}

function demoteHeadings(node: { type: string; depth?: number; children?: unknown[] }, levels: number): void {
  if (node.type === 'heading' && typeof node.depth === 'number') node.depth = Math.min(6, node.depth + levels);
  for (const child of (node.children ?? []) as never[]) demoteHeadings(child, levels);
}
