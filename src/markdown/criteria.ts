// The acceptance criteria of a PRD (or a decision's own body): the list items under its
// "Acceptance Criteria" heading, each with its anchor, plain text and line. The gates (DP210, the
// criterion traces), the packet diff and the page all read them from here.
import type { ListItem, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { anchorOf } from './criterion-anchors.ts';
import { parseMarkdown } from './parse.ts';

export interface Criterion {
  /** Stable anchor: an explicit `{#id}` at the end of the item, else `ac-<n>` by position. */
  anchor: string;
  /** Plain text of the criterion, without the `{#id}` marker. */
  text: string;
  /** 1-based line in the PRD file. */
  line: number;
}

export interface CriterionAnchor {
  anchor: string;
  /** 1-based line in the PRD file. */
  line: number;
  /** The `{#…}` marker's name, when it is not a valid anchor name. */
  invalidName?: string;
}

/** The criteria of a body; `bodyLine` is the file line where the body starts. */
export function acceptanceCriteria(body: string, bodyLine = 1): Criterion[] {
  return criteriaOfTree(parseMarkdown(body), bodyLine).map(({ criterion }) => criterion);
}

/**
 * Anchors per body and start line. Two gates ask for each PRD's (DP210, DP212), and the dev
 * server asks again after every edit: each distinct body is parsed once. Bounded by a count.
 */
const anchorsByBody = new Map<string, Map<number, readonly CriterionAnchor[]>>();
const maxBodiesRemembered = 20_000;

/** The anchors of a body's criteria, with the invalid marker names the gate reports. */
export function criterionAnchors(body: string, bodyLine = 1): readonly CriterionAnchor[] {
  const byLine = anchorsByBody.get(body);
  const known = byLine?.get(bodyLine);
  if (known) return known;
  const anchors = criteriaItems(parseMarkdown(body)).map((item, index) => {
    const { anchor, invalidName } = anchorOf(plainText(item), index);
    return Object.freeze({ anchor, invalidName, line: lineOf(item, bodyLine) });
  });
  if (anchorsByBody.size >= maxBodiesRemembered) anchorsByBody.clear();
  anchorsByBody.set(body, (byLine ?? new Map<number, readonly CriterionAnchor[]>()).set(bodyLine, Object.freeze(anchors)));
  return anchors;
}

/** The criteria of a parsed tree beside their list items (the page renders each item). */
export function criteriaOfTree(tree: Root, bodyLine: number): { criterion: Criterion; item: ListItem }[] {
  return criteriaItems(tree).map((item, index) => {
    const { anchor, text } = anchorOf(plainText(item), index);
    return { criterion: { anchor, text, line: lineOf(item, bodyLine) }, item };
  });
}

function plainText(item: ListItem): string {
  // Raw HTML is dropped from the text as it is from the page (decision.json carries the text).
  return toString(item, { includeHtml: false }).replace(/\s+/g, ' ').trim();
}

function lineOf(item: ListItem, bodyLine: number): number {
  return (item.position?.start.line ?? 1) + bodyLine - 1;
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
