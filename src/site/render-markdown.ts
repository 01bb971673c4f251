// PRD markdown is data, not code: it is rendered with raw HTML dropped and only http(s), mailto
// and relative links kept. Sätteri (Astro's own Rust parser) only parses it, CommonMark and YAML
// frontmatter, nothing else (no GFM, no smart punctuation): it would pass raw HTML and javascript:
// links through, so its tree goes through our own sanitiser and heading anchors, exactly as
// remark's did. The output is remark's, byte for byte (test/render-markdown-equivalence.test.ts):
// where Sätteri's tree would differ, the document is rendered from remark's tree (remarkOnly).
import type { Heading, List, ListItem, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { markdownToHast, markdownToMdast, type Features } from 'satteri';
import { unified } from 'unified';
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';

// No images: a relative one would not be published and a remote one is blocked by the CSP.
const sanitizeSchema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((name) => name !== 'img' && name !== 'picture' && name !== 'source'),
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] },
};

/** CommonMark and YAML frontmatter, as remark-parse + remark-frontmatter(['yaml']) read them. */
const features: Features = {
  gfm: false,
  frontmatter: true,
  math: false,
  headingAttributes: false,
  directive: false,
  superscript: false,
  subscript: false,
  wikilinks: false,
  definitionList: false,
  smartPunctuation: false,
  rawHtml: false,
};

const remarkParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
const mdastToHtml = unified()
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize, sanitizeSchema)
  .use(() => headingAnchors)
  .use(rehypeStringify);
const hastToHtml = unified()
  .use(rehypeSanitize, sanitizeSchema)
  .use(() => headingAnchors)
  .use(rehypeStringify);

/**
 * Whether Sätteri's mdast for this body could differ from remark's (each found by the property
 * test): a body starting with `+++` (Sätteri reads TOML frontmatter, remark a paragraph) or `---`
 * (remark-frontmatter, finding no closing fence, leaves the next line a paragraph), holding
 * a NUL (remark makes it U+FFFD) or a lone surrogate (Sätteri makes it U+FFFD), or `*` next to `_`
 * (Sätteri pairs such delimiter runs against CommonMark's flanking rules: `**_**e`, `_*a**`), or
 * `*`/`_` beside a non-ASCII character or after an escaped punctuation character (below).
 */
function remarkOnly(body: string): boolean {
  return body.startsWith('+++') || body.startsWith('---') || body.includes('\0') || body.includes('*_') || body.includes('_*') || !body.isWellFormed() || nonAsciiByDelimiter.test(body) || escapeBeforeDelimiter.test(body);
}

/** An escaped punctuation character right before `*` or `_`: Sätteri does not count it as punctuation when judging the run (`*\\**p`). */
const escapeBeforeDelimiter = /\\[!-/:-@[-`{-~][*_]/;

/** `*` or `_` beside a non-ASCII character: Sätteri counts symbols such as emoji as punctuation in the flanking rules, remark does not. */
const nonAsciiByDelimiter = /[*_][^\0-\x7f]|[^\0-\x7f][*_]/;

/** The mdast of a PRD body: remark's tree, from Sätteri where that gives the same tree. */
function parse(body: string): Root {
  return satteriTree(body) ?? (remarkParser.parse(body) as Root);
}

/** Whether the body is parsed by Sätteri (else by remark, where the trees could differ); the equivalence test counts these. */
export function parsedBySatteri(body: string): boolean {
  return satteriTree(body) !== undefined;
}

/** Sätteri's mdast of the body, or undefined where it could differ from remark's. */
function satteriTree(body: string): Root | undefined {
  if (remarkOnly(body)) return undefined;
  const tree = markdownToMdast(body, { features }) as Root;
  return treeMayDiffer(tree, body) ? undefined : tree;
}

type MdNode = { type: string; children?: MdNode[]; position?: { start: { offset?: number } } };

/**
 * Shapes after which Sätteri's tree is known to part from remark's (found by the property test):
 * an empty list item (remark reads some, after a thematic break or in a block quote, as a
 * paragraph), and two indented code blocks side by side (remark has one: Sätteri splits an
 * indented block after an empty block, line by line).
 */
function treeMayDiffer(node: MdNode, body: string): boolean {
  const children = node.children;
  if (!children) return false;
  if (node.type === 'listItem' && children.length === 0) return true;
  for (let index = 0; index < children.length; index += 1) {
    const child = children[index]!;
    if (index > 0 && isIndentedCode(child, body) && isIndentedCode(children[index - 1]!, body)) return true;
    if (treeMayDiffer(child, body)) return true;
  }
  return false;
}

/** An indented code block starts at its indentation; a fenced one at its fence. */
function isIndentedCode(node: MdNode, body: string): boolean {
  if (node.type !== 'code') return false;
  const first = body[node.position?.start.offset ?? 0];
  return first === ' ' || first === '\t';
}

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

/** A `{#name}` marker at the end of a criterion; the name must match `anchorName`. */
const explicitAnchor = /\s*\{#([^{}\s]*)\}\s*$/;
/** Starts with a letter, so a named anchor can never equal a positional `ac-<n>`. */
export const anchorName = /^[a-z][a-z0-9-]{0,63}$/;

export interface CriterionAnchor {
  anchor: string;
  /** 1-based line in the PRD file. */
  line: number;
  /** The `{#…}` marker's name, when it is not a valid anchor name. */
  invalidName?: string;
}

/** A literal, valid `{#name}` marker at the start of the text. */
const literalMarker = /^\{#([a-z][a-z0-9-]{0,63})\}/;
/** Characters that always show as themselves in a criterion's text: none starts or ends markup. */
const showsAsItself = /^[A-Za-z0-9"',.;:=+/%$@?{}^-]$/;

/**
 * Whether the anchors of a PRD's criteria can break DP210 at all, decided from the text without
 * parsing the markdown (parsing every PRD made `check` of 10,000 packets take 35 s longer).
 *
 * It is false when the body holds no `{#`, or when every `{` in it either starts a literal valid
 * marker `{#name}` — all of them with different names — or is followed by a character that shows
 * as itself in the text, and no character reference (`&…`) could produce a `{`. Then the only
 * markers a criterion's text can end with are those literal ones (markup between `{`, `#`, the
 * name and `}` would have left a character that is not allowed there), so no criterion anchor is
 * invalid or repeated. True means "parse and check" (criterionAnchors), not "broken".
 */
export function anchorsNeedChecking(body: string): boolean {
  if (!body.includes('{#')) return false;
  if (/&[#A-Za-z]/.test(body)) return true;
  const names = new Set<string>();
  for (let index = body.indexOf('{'); index !== -1; index = body.indexOf('{', index + 1)) {
    const next = body[index + 1];
    if (next === undefined) continue;
    if (next === '#') {
      const match = literalMarker.exec(body.slice(index, index + 68));
      if (!match || names.has(match[1]!)) return true;
      names.add(match[1]!);
    } else if (!showsAsItself.test(next)) {
      return true;
    }
  }
  return false;
}

/** The anchors of a PRD's acceptance criteria, without rendering anything (for the gate). */
export function criterionAnchors(body: string, bodyLine = 1): CriterionAnchor[] {
  return criteriaItems(parse(body)).map((item, index) => {
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
  const tree = satteriTree(body);
  if (!tree) return renderFromMdast(remarkParser.parse(body) as Root, bodyLine);
  if (hasHtmlBlockInListItem(tree)) return renderFromMdast(tree, bodyLine);
  return renderFromHast(tree, markdownToHast(body, { features }) as HastRoot, bodyLine);
}

/** The remark pipeline from an mdast (remark-rehype with raw HTML dropped). */
function renderFromMdast(tree: Root, bodyLine: number): RenderedPrd {
  const criteria = criteriaItems(tree).map((item, index) => {
    const { anchor, text } = anchorOf(plainText(item), index);
    return { anchor, text, html: itemHtml(item), line: lineOf(item, bodyLine) };
  });
  stripAnchorMarkers(tree);
  // The PRD is shown inside the packet page, under its own h2: its headings move down two levels.
  demoteHeadings(tree, 2);
  const html = String(mdastToHtml.stringify(mdastToHtml.runSync(tree as never) as never));
  return { html, criteria };
}

function itemHtml(item: ListItem): string {
  return unwrapParagraph(String(mdastToHtml.stringify(mdastToHtml.runSync({ type: 'root', children: stripMarkers(item).children } as never) as never)));
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
  const items = criteriaItems(tree);
  const listItems = items.length > 0 ? listItemsByOffset(hast) : new Map<number, Element>();
  const criteria = items.map((item, index) => {
    const { anchor, text } = anchorOf(plainText(item), index);
    const li = listItems.get(item.position?.start.offset ?? -1);
    const html = li && item.children.length === 1 && item.children[0]!.type === 'paragraph' && !hasReference(item) ? paragraphHtml(li) : itemHtml(item);
    return { anchor, text, html, line: lineOf(item, bodyLine) };
  });
  demoteHastHeadings(hast);
  const html = String(hastToHtml.stringify(hastToHtml.runSync(hast as never) as never));
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
  return unwrapParagraph(String(hastToHtml.stringify(hastToHtml.runSync(root as never) as never)));
}

/** Top-level list items (where criteria are) by their source offset. */
function listItemsByOffset(hast: HastRoot): Map<number, Element> {
  const byOffset = new Map<number, Element>();
  for (const list of hast.children) {
    if (list.type !== 'element' || (list.tagName !== 'ul' && list.tagName !== 'ol')) continue;
    for (const li of list.children) if (li.type === 'element' && li.tagName === 'li' && li.position) byOffset.set(li.position.start.offset ?? -1, li);
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
  for (let index = 0; index < children.length; ) {
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

/** The list items under the "Acceptance Criteria" heading, in order. */
function criteriaItems(tree: Root): ListItem[] {
  const items: ListItem[] = [];
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
    items.push(...((node as List).children as ListItem[]));
  }
  return items;
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
  return textsOf(satteriTree(body), body, bodyLine) ?? textsOf(remarkParser.parse(body) as Root, body, bodyLine, true)!;
}

type TextNode = { type: string; value?: unknown; url?: unknown; title?: unknown; alt?: unknown; position?: { start: { line: number; offset?: number }; end: { offset?: number } }; children?: TextNode[] };

/**
 * The rendered texts of a tree, or undefined (from Sätteri's tree only) where its positions part
 * from remark's: a text ending in a line break before a sibling, inside a list item or block quote.
 * remark's position then runs over the next line's container prefix (so the text counts as not
 * written as it stands), Sätteri's stops at the line break.
 */
function textsOf(tree: Root | undefined, body: string, bodyLine: number, fromRemark = false): RenderedText[] | undefined {
  if (!tree) return undefined;
  const out: RenderedText[] = [];
  const walk = (node: TextNode, inContainer: boolean, hasNext: boolean): boolean => {
    const line = (node.position?.start.line ?? 1) + bodyLine - 1;
    if (node.type === 'text' && typeof node.value === 'string') {
      if (!fromRemark && inContainer && hasNext && node.value.endsWith('\n')) return false;
      // A text node that stands in the source as written adds nothing to the raw scan.
      if (node.value !== body.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0)) out.push({ text: node.value, line });
    }
    for (const field of [node.url, node.title, node.alt]) if (typeof field === 'string' && field !== '') out.push({ text: field, line });
    const children = node.children ?? [];
    const container = inContainer || node.type === 'listItem' || node.type === 'blockquote';
    return children.every((child, index) => walk(child, container, index < children.length - 1));
  };
  return walk(tree as TextNode, false, false) ? out : undefined;
}

const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** The slug of a heading's text: lowercase letters and digits joined by `-` (ASCII; accents dropped). */
export function headingSlug(text: string): string {
  const slug = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
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
            properties: { className: ['anchor-link'], href: `#${id}`, dataCopyLink: '', dataCopyLabel: label, ariaLabel: `Copy link to ${label}`, title: `Copy link to ${label}`, dataPagefindIgnore: '' },
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
