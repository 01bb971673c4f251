// What the secret scan reads of a markdown body beyond its raw text: the texts as the page shows
// them, from the same mdast that renders it.
import type { Root } from 'mdast';
import { remarkTree, satteriTree } from './parse.ts';

/** A piece of a PRD as it renders: a text's decoded value, or a link's or image's decoded target, title or alt. */
export interface RenderedText {
  text: string;
  /** 1-based line in the PRD file where it starts. */
  line: number;
}

/**
 * The texts of a PRD body as the page shows them: character references (`&#x67;`, `&amp;`) and
 * backslash escapes are decoded here, so a token built from them is seen by the secret scan at
 * its source line. Only for bodies that hold a `&` or a `\` (nothing else decodes); empty otherwise.
 */
export function renderedTexts(body: string, bodyLine = 1): RenderedText[] {
  if (!body.includes('&') && !body.includes('\\')) return [];
  return textsOf(satteriTree(body), body, bodyLine) ?? textsOf(remarkTree(body), body, bodyLine, true)!;
}

type TextNode = {
  type: string;
  value?: unknown;
  url?: unknown;
  title?: unknown;
  alt?: unknown;
  position?: { start: { line: number; offset?: number }; end: { offset?: number } };
  children?: TextNode[];
};

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
      const source = body.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
      if (node.value !== source) out.push({ text: node.value, line });
    }
    for (const field of [node.url, node.title, node.alt]) {
      if (typeof field === 'string' && field !== '') out.push({ text: field, line });
    }
    const children = node.children ?? [];
    const container = inContainer || node.type === 'listItem' || node.type === 'blockquote';
    return children.every((child, index) => walk(child, container, index < children.length - 1));
  };
  return walk(tree, false, false) ? out : undefined;
}
