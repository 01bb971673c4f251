// The HTML of a PRD (or a decision's own body). PRD markdown is data, not code: it is rendered with
// raw HTML dropped and only http(s), mailto and relative links kept. The tree comes from
// src/markdown/ (Sätteri, or remark where their trees could differ); Sätteri would pass raw HTML
// and javascript: links through, so its hast goes through our own sanitiser and heading anchors,
// exactly as remark's did. The output is remark's, byte for byte
// (test/render-markdown-equivalence.test.ts).
import type { ListItem, Root } from 'mdast';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { markdownToHast } from 'satteri';
import { unified } from 'unified';
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import { criteriaOfTree, type Criterion } from '../markdown/criteria.ts';
import { explicitAnchor } from '../markdown/criterion-anchors.ts';
import { headingSlug } from '../markdown/heading-slug.ts';
import { remarkTree, satteriFeatures, satteriSource, satteriTree } from '../markdown/parse.ts';

// No images: a relative one would not be published and a remote one is blocked by the CSP.
const sanitizeSchema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((name) => name !== 'img' && name !== 'picture' && name !== 'source'),
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] },
};

const mdastToHtml = unified()
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize, sanitizeSchema)
  .use(() => headingAnchors)
  .use(rehypeStringify);
const hastToHtml = unified()
  .use(rehypeSanitize, sanitizeSchema)
  .use(() => headingAnchors)
  .use(rehypeStringify);

export interface AcceptanceCriterion extends Criterion {
  /** Sanitised inline HTML of the criterion. */
  html: string;
}

export interface RenderedPrd {
  html: string;
  criteria: AcceptanceCriterion[];
}

type MdNode = { type: string; children?: MdNode[] };

/** Renders a PRD body; `bodyLine` is the file line where the body starts (for positions). */
export function renderPrd(body: string, bodyLine = 1): RenderedPrd {
  const tree = satteriTree(body);
  if (!tree) return renderFromMdast(remarkTree(body), bodyLine);
  if (hasHtmlBlockInListItem(tree)) return renderFromMdast(tree, bodyLine);
  return renderFromHast(tree, markdownToHast(satteriSource(body), { features: satteriFeatures }) as HastRoot, bodyLine);
}

/** The remark pipeline from an mdast (remark-rehype with raw HTML dropped). */
function renderFromMdast(tree: Root, bodyLine: number): RenderedPrd {
  const criteria = criteriaOfTree(tree, bodyLine).map(({ criterion, item }) => withHtml(criterion, itemHtml(item)));
  stripAnchorMarkers(tree);
  // The PRD is shown inside the packet page, under its own h2: its headings move down two levels.
  demoteHeadings(tree, 2);
  const html = mdastToHtml.stringify(mdastToHtml.runSync(tree));
  return { html, criteria };
}

/** In the key order decision.json has always shown. */
function withHtml({ anchor, text, line }: Criterion, html: string): AcceptanceCriterion {
  return { anchor, text, html, line };
}

function itemHtml(item: ListItem): string {
  return unwrapParagraph(mdastToHtml.stringify(mdastToHtml.runSync({ type: 'root', children: stripMarkers(item).children } as never)));
}

/**
 * The same from Sätteri's hast of the same body (its mdast-to-hast is mdast-util-to-hast's with
 * raw HTML kept as `raw` nodes): the raw nodes are dropped here as remark-rehype drops html nodes,
 * with the line break it put between blocks; then markers, heading levels and the sanitiser as
 * above. A criterion that is one paragraph is its list item's inline content; any other goes
 * through remark-rehype from the mdast.
 */
function renderFromHast(tree: Root, hast: HastRoot, bodyLine: number): RenderedPrd {
  dropRawHtml(hast);
  stripHastMarkers(hast);
  const items = criteriaOfTree(tree, bodyLine);
  const listItems = items.length > 0 ? listItemsByOffset(hast) : new Map<number, Element>();
  const criteria = items.map(({ criterion, item }) => {
    const li = listItems.get(item.position?.start.offset ?? -1);
    const onePara = item.children.length === 1 && item.children[0]!.type === 'paragraph' && !hasReference(item);
    return withHtml(criterion, li && onePara ? paragraphHtml(li) : itemHtml(item));
  });
  demoteHastHeadings(hast);
  const html = hastToHtml.stringify(hastToHtml.runSync(hast));
  return { html, criteria };
}

/** A link or image reference: resolved in the page, left as text in the criterion alone (remark-rehype of the item only). */
function hasReference(node: MdNode): boolean {
  return node.type === 'linkReference' || node.type === 'imageReference' || (node.children ?? []).some(hasReference);
}

/** A one-paragraph list item's content as remark-rehype renders the paragraph alone (unwrapped). */
function paragraphHtml(li: Element): string {
  // Tight: the paragraph's children are the item's; loose: the item holds the paragraph between line breaks.
  const paragraph = li.children.find((child): child is Element => child.type === 'element' && child.tagName === 'p');
  const children = paragraph ? paragraph.children : li.children;
  const root: HastRoot = { type: 'root', children: [{ type: 'element', tagName: 'p', properties: {}, children }] };
  return unwrapParagraph(hastToHtml.stringify(hastToHtml.runSync(root)));
}

/** Top-level list items (where criteria are) by their source offset. */
function listItemsByOffset(hast: HastRoot): Map<number, Element> {
  const byOffset = new Map<number, Element>();
  for (const list of hast.children) {
    if (list.type !== 'element' || (list.tagName !== 'ul' && list.tagName !== 'ol')) continue;
    for (const li of list.children)
      if (li.type === 'element' && li.tagName === 'li' && li.position) byOffset.set(li.position.start.offset ?? -1, li);
  }
  return byOffset;
}

/**
 * An html block or a definition directly in a list item: remark-rehype drops it before laying out the item
 * (a tight item's first paragraph then has no line break before it), which cannot be undone from
 * the hast; such a body is rendered from the mdast.
 */
function hasHtmlBlockInListItem(node: { type: string; children?: unknown[] }): boolean {
  const children = (node.children ?? []) as { type: string; children?: unknown[] }[];
  if (node.type === 'listItem' && children.some((child) => child.type === 'html' || child.type === 'definition')) return true;
  return children.some((child) => child.children !== undefined && hasHtmlBlockInListItem(child));
}

const lineBreak = (node: HastContent | undefined) => node?.type === 'text' && node.value === '\n';

const isRaw = (node: HastContent | undefined) => node?.type === ('raw' as string);

/**
 * Drops raw HTML as remark-rehype does. Inline HTML just goes; an html block in the root or a
 * block quote also takes one of the line breaks that separated it from its neighbours. An element
 * right after a hard break (`<br>` and its line break) whose first child was raw HTML has its new
 * first text trimmed of leading spaces, as remark-rehype trims the first text after a break.
 */
function dropRawHtml(parent: HastRoot | Element): void {
  const children = parent.children as HastContent[];
  const flow = parent.type === 'root' || parent.tagName === 'blockquote';
  for (let index = 0; index < children.length;) {
    const child = children[index]!;
    if (isRaw(child)) {
      if (!flow) children.splice(index, 1);
      else if (lineBreak(children[index + 1])) children.splice(index, 2);
      else if (index > 0 && lineBreak(children[index - 1])) children.splice((index -= 1), 2);
      else children.splice(index, 1);
      continue;
    }
    if (child.type === 'element') {
      const headWasRaw = isRaw(child.children[0]);
      dropRawHtml(child);
      const head = child.children[0];
      if (headWasRaw && head?.type === 'text' && afterBreak(children, index)) head.value = head.value.replace(/^[ \t]+/, '');
    }
    index += 1;
  }
}

function afterBreak(children: HastContent[], index: number): boolean {
  const before = children[index - 2];
  return lineBreak(children[index - 1]) && before?.type === 'element' && before.tagName === 'br';
}

// Removes `{#id}` markers from the texts that came from mdast text nodes (code is shown as written).
function stripHastMarkers(parent: HastRoot | Element): void {
  for (const child of parent.children as ElementContent[]) {
    if (child.type === 'text') child.value = child.value.replace(explicitAnchor, '');
    else if (child.type === 'element' && child.tagName !== 'code') stripHastMarkers(child);
  }
}

/** Each heading two levels down, at most h6 (as demoteHeadings does in the mdast). */
const demoted: Record<string, string> = { h1: 'h3', h2: 'h4', h3: 'h5', h4: 'h6', h5: 'h6', h6: 'h6' };

function demoteHastHeadings(parent: HastRoot | Element): void {
  for (const child of parent.children) {
    if (child.type !== 'element') continue;
    const tag = demoted[child.tagName];
    if (tag) child.tagName = tag;
    else demoteHastHeadings(child);
  }
}

function stripMarkers(item: ListItem): ListItem {
  const copy = structuredClone(item);
  stripAnchorMarkers(copy);
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

const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function textOf(node: { type: string; value?: string; children?: unknown[] }): string {
  if (node.type === 'text') return node.value ?? '';
  return ((node.children ?? []) as never[]).map(textOf).join('');
}

// Runs after sanitising (which would prefix or drop ids): every heading gets `prd-<slug>`,
// de-duplicated in document order (`-2`, `-3`, …), and a copy link to itself. The prefix keeps
// PRD anchors apart from the page's own (#evidence, #history …) whatever the PRD calls a section.
function headingAnchors(tree: HastRoot): void {
  const used = new Set<string>();
  const visit = (node: HastRoot | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (headingTags.has(child.tagName)) {
        const text = textOf(child).replace(/\s+/g, ' ').trim();
        const base = `prd-${headingSlug(text)}`;
        let id = base;
        for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
        used.add(id);
        child.properties = { ...child.properties, id };
        const label = `the PRD section ${text}`;
        child.children.push(
          { type: 'text', value: ' ' },
          {
            type: 'element',
            tagName: 'a',
            properties: {
              className: ['anchor-link'],
              href: `#${id}`,
              dataCopyLink: '',
              dataCopyLabel: label,
              ariaLabel: `Copy link to ${label}`,
              title: `Copy link to ${label}`,
              dataPagefindIgnore: '',
            },
            children: [{ type: 'text', value: '#' }],
          },
        );
      } else {
        visit(child);
      }
    }
  };
  visit(tree);
}
