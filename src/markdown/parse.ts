// The one place that turns a markdown body (a PRD, or a decision's own body) into an mdast tree.
// Sätteri (Astro's own Rust parser) parses it, CommonMark and YAML frontmatter, nothing else (no
// GFM, no smart punctuation). Its tree must be remark's, node for node
// (test/render-markdown-equivalence.test.ts keeps remark's pipeline as the reference): where
// Sätteri's tree could differ, the body is parsed by remark (remarkOnly, treeMayDiffer).
import { createRequire } from 'node:module';
import type { Root } from 'mdast';
import { markdownToMdast, type Features } from 'satteri';

/** CommonMark and YAML frontmatter, as remark-parse + remark-frontmatter(['yaml']) read them. */
export const satteriFeatures: Features = {
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

type RemarkParser = { parse(body: string): Root };
let remarkParser: RemarkParser | undefined;

// remark (unified, micromark: about 45 modules) is loaded the first time a body needs it, and
// synchronously (require of an ES module): most bodies never do, and `check` starts sooner.
function remark(): RemarkParser {
  if (remarkParser) return remarkParser;
  const load = createRequire(import.meta.url);
  const { unified } = load('unified') as typeof import('unified');
  const remarkParse = (load('remark-parse') as typeof import('remark-parse')).default;
  const remarkFrontmatter = (load('remark-frontmatter') as typeof import('remark-frontmatter')).default;
  remarkParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
  return remarkParser;
}

/** The mdast of a body: remark's tree, from Sätteri where that gives the same tree. */
export function parseMarkdown(body: string): Root {
  return satteriTree(body) ?? remarkTree(body);
}

/** remark's mdast of the body (the reference Sätteri's must equal). */
export function remarkTree(body: string): Root {
  return remark().parse(body);
}

/** Whether Sätteri parses the body (else remark, where the trees could differ); the equivalence test counts these. */
export function parsedBySatteri(body: string): boolean {
  return satteriTree(body) !== undefined;
}

/**
 * The body as Sätteri is given it: each NUL replaced by U+FFFD, as CommonMark asks and remark
 * does (Sätteri keeps it). One UTF-16 unit for another, so every position stays the body's.
 */
export function satteriSource(body: string): string {
  return body.includes('\0') ? body.replaceAll('\0', '\uFFFD') : body;
}

/** Sätteri's mdast of the body, or undefined where it could differ from remark's. */
export function satteriTree(body: string): Root | undefined {
  if (remarkOnly(body)) return undefined;
  const tree = markdownToMdast(satteriSource(body), { features: satteriFeatures }) as Root;
  return treeMayDiffer(tree, body) ? undefined : tree;
}

/**
 * Whether Sätteri's mdast for this body could differ from remark's (each found by the property
 * test): a body starting with `+++` (Sätteri reads TOML frontmatter, remark a paragraph) or `---`
 * (remark-frontmatter, finding no closing fence, leaves the next line a paragraph), holding
 * a lone surrogate (Sätteri makes it U+FFFD), or `*` next to `_`
 * (Sätteri pairs such delimiter runs against CommonMark's flanking rules: `**_**e`, `_*a**`), or
 * `*`/`_` beside a non-ASCII character or after an escaped punctuation character (below).
 */
function remarkOnly(body: string): boolean {
  return (
    body.startsWith('+++') ||
    body.startsWith('---') ||
    body.includes('*_') ||
    body.includes('_*') ||
    !body.isWellFormed() ||
    nonAsciiByDelimiter.test(body) ||
    escapeBeforeDelimiter.test(body)
  );
}

/**
 * An escaped punctuation character right before `*` or `_`: Sätteri does not count it as
 * punctuation when judging the run (`*\\**p`).
 */
const escapeBeforeDelimiter = /\\[!-/:-@[-`{-~][*_]/;

/**
 * `*` or `_` beside a non-ASCII character: Sätteri counts symbols such as emoji as punctuation in
 * the flanking rules, remark does not.
 */
const nonAsciiByDelimiter = /[*_][^\0-\x7f]|[^\0-\x7f][*_]/;

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
