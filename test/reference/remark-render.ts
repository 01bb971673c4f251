// The PRD renderer as it was before Sätteri parsed PRDs: remark-parse (+ remark-frontmatter) →
// remark-rehype → rehype-sanitize → heading anchors → rehype-stringify, kept only so that
// test/render-markdown-equivalence.test.ts can prove src/markdown/ and src/site/prd-html.ts give
// the very same html, criteria, anchors and rendered texts. A frozen copy: change it only together with a
// deliberate change of how PRDs render.
import type { ListItem, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Element, Root as HastRoot } from 'hast';

// No images: a relative one would not be published and a remote one is blocked by the CSP.
const sanitizeSchema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((name) => name !== 'img' && name !== 'picture' && name !== 'source'),
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] },
};

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
const toHtml = unified()
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize, sanitizeSchema)
  .use(() => headingAnchors)
  .use(rehypeStringify);

interface AcceptanceCriterion {
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

/** A `{#name}` marker at the end of a criterion; the name must match `anchorName`. */
const explicitAnchor = /\s*\{#([^{}\s]*)\}\s*$/;
/** Starts with a letter, so a named anchor can never equal a positional `ac-<n>`. */
const anchorName = /^[a-z][a-z0-9-]{0,63}$/;

export interface CriterionAnchor {
  anchor: string;
  /** 1-based line in the PRD file. */
  line: number;
  /** The `{#…}` marker's name, when it is not a valid anchor name. */
  invalidName?: string;
}

/** The anchors of a PRD's acceptance criteria, without rendering anything (for the gate). */
export function criterionAnchors(body: string, bodyLine = 1): CriterionAnchor[] {
  return criteriaItems(parser.parse(body)).map((item, index) => {
    const { anchor, invalidName } = anchorOf(plainText(item), index);
    return { anchor, invalidName, line: lineOf(item, bodyLine) };
  });
}

function plainText(item: ListItem): string {
  // Raw HTML is dropped from the text as it is from the page (decision.json carries the text).
  return toString(item, { includeHtml: false }).replace(/\s+/g, ' ').trim();
}

function anchorOf(raw: string, index: number): { anchor: string; text: string; invalidName?: string } {
  const match = explicitAnchor.exec(raw);
  if (!match) return { anchor: `ac-${index + 1}`, text: raw };
  const text = raw.slice(0, match.index).trim();
  const name = match[1]!;
  return anchorName.test(name) ? { anchor: `ac-${name}`, text } : { anchor: `ac-${index + 1}`, text, invalidName: name };
}

function lineOf(item: ListItem, bodyLine: number): number {
  return (item.position?.start.line ?? 1) + bodyLine - 1;
}

/** Renders a PRD body; `bodyLine` is the file line where the body starts (for positions). */
export function renderPrd(body: string, bodyLine = 1): RenderedPrd {
  const tree = parser.parse(body);
  const criteria = extractCriteria(tree, bodyLine);
  stripAnchorMarkers(tree);
  // The PRD is shown inside the packet page, under its own h2: its headings move down two levels.
  demoteHeadings(tree, 2);
  const html = toHtml.stringify(toHtml.runSync(tree));
  return { html, criteria };
}

function extractCriteria(tree: Root, bodyLine: number): AcceptanceCriterion[] {
  return criteriaItems(tree).map((item, index) => {
    const { anchor, text } = anchorOf(plainText(item), index);
    const itemHtml = toHtml.stringify(toHtml.runSync({ type: 'root', children: stripMarkers(item).children } as never));
    return { anchor, text, html: unwrapParagraph(itemHtml), line: lineOf(item, bodyLine) };
  });
}

/** The list items under the "Acceptance Criteria" heading, in order. */
function criteriaItems(tree: Root): ListItem[] {
  const items: ListItem[] = [];
  let inSection = false;
  let sectionDepth = 0;
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const heading = node;
      if (/^acceptance criteria$/i.test(toString(heading).trim())) {
        inSection = true;
        sectionDepth = heading.depth;
        continue;
      }
      if (inSection && heading.depth <= sectionDepth) inSection = false;
    }
    if (!inSection || node.type !== 'list') continue;
    items.push(...node.children);
  }
  return items;
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

/** A piece of a PRD as it renders: a text node's decoded value, or a link's or image's decoded target, title or alt text. */
export interface RenderedText {
  text: string;
  /** 1-based line in the PRD file where it starts. */
  line: number;
}

/**
 * The texts of a PRD body as the page shows them, from the same mdast that renders it:
 * character references (`&#x67;`, `&amp;`) and backslash escapes are decoded here, so a token
 * built from them is seen by the secret scan at its source line. Only for bodies that hold a
 * `&` or a `\` (nothing else decodes); empty otherwise.
 */
export function renderedTexts(body: string, bodyLine = 1): RenderedText[] {
  if (!body.includes('&') && !body.includes('\\')) return [];
  const out: RenderedText[] = [];
  type Node = {
    type: string;
    value?: unknown;
    url?: unknown;
    title?: unknown;
    alt?: unknown;
    position?: { start: { line: number; offset?: number }; end: { offset?: number } };
    children?: unknown[];
  };
  const walk = (node: Node) => {
    const line = (node.position?.start.line ?? 1) + bodyLine - 1;
    // A text node that stands in the source as written adds nothing to the raw scan.
    if (
      node.type === 'text' &&
      typeof node.value === 'string' &&
      node.value !== body.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0)
    ) {
      out.push({ text: node.value, line });
    }
    for (const field of [node.url, node.title, node.alt]) if (typeof field === 'string' && field !== '') out.push({ text: field, line });
    for (const child of (node.children ?? []) as never[]) walk(child);
  };
  walk(parser.parse(body));
  return out;
}

const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** The slug of a heading's text: lowercase letters and digits joined by `-` (ASCII; accents dropped). */
function headingSlug(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'section';
}

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
