// The packet, work-item and evidence pages: thousands of pages of one layout each. Astro's cost per route
// (its request, result, CSP hashes, response and file) is several times that of rendering one such
// page, so a build renders them in batches: one Astro page per batch whose main content is every
// item's content (the same component) between page breaks, in a shell whose title, description
// and path are slots. Each page is then the shell with its slots filled and its item's content:
// the very bytes Astro renders for that page on its own (test/item-pages.test.ts).
import { cmp } from '../core/issue.ts';
import { htmlAttributeValue, htmlText } from '../report/escape.ts';
import type { EvidenceView, PacketView, SiteData, WorkItemView } from './site-data.ts';

/** What Base is given for one page, beside its main content. */
export interface PageProps {
  title: string;
  description: string;
  /** The page's path below the site's base, `<folder>/<id>/`: also where its file goes. */
  path: string;
  searchType: string;
  /** A page with a sidebar: the content area is wider. */
  wide?: boolean;
}

const itemPageKinds = {
  packets: {
    items: (site: SiteData) => [...site.packets].sort((a, b) => cmp(a.id, b.id)),
    searchType: 'Packet',
    wide: true,
    props: (packet: PacketView) => ({
      title: `${packet.id} — ${packet.title}`,
      description: `${packet.id}: ${packet.kind.stateField} ${packet.status} (${packet.statusLabel.replace(/^[A-Z]/, (c) => c.toLowerCase())}).${packet.notices.map((notice) => ` ${notice}`).join('')}`,
      path: `packets/${packet.id}/`,
    }),
  },
  'work-items': {
    items: (site: SiteData) => site.workItems,
    searchType: 'Work item',
    wide: false,
    props: (item: WorkItemView) => ({
      title: `${item.id} — ${item.title}`,
      description: `${item.id}: ${item.status}. ${item.title}`,
      path: `work-items/${item.id}/`,
    }),
  },
  evidence: {
    items: (site: SiteData) => site.evidence,
    searchType: 'Evidence',
    wide: false,
    props: (item: EvidenceView) => ({
      title: item.title,
      description: `Evidence ${item.id} (${item.kind}): ${item.repository.id} at ${item.commit.slice(0, 12)}, ${item.verification.status}.`,
      path: `evidence/${item.id}/`,
    }),
  },
};

export type ItemPageKind = keyof typeof itemPageKinds;
type ItemOf<K extends ItemPageKind> = ReturnType<(typeof itemPageKinds)[K]['items']>[number];

export function itemPageProps<K extends ItemPageKind>(kind: K, item: ItemOf<K>): PageProps {
  const spec = itemPageKinds[kind] as { props: (item: ItemOf<K>) => Omit<PageProps, 'searchType'>; searchType: string; wide: boolean };
  return { ...spec.props(item), searchType: spec.searchType, ...(spec.wide && { wide: true }) };
}

/**
 * Items per batch: enough that Astro's cost per route all but vanishes, few enough that the
 * batches Astro renders at once (build.concurrency) add little to the build's peak memory.
 */
const batchSize = 100;

export interface ItemBatch<K extends ItemPageKind = ItemPageKind> {
  kind: K;
  index: number;
  items: ItemOf<K>[];
}

/** The batches of one kind of page, in the site data's order. */
export function itemBatches<K extends ItemPageKind>(site: SiteData, kind: K): ItemBatch<K>[] {
  const items = itemPageKinds[kind].items(site) as ItemOf<K>[];
  const batches: ItemBatch<K>[] = [];
  for (let start = 0; start < items.length; start += batchSize)
    batches.push({ kind, index: batches.length, items: items.slice(start, start + batchSize) });
  return batches;
}

/** The id param of a batch's page: not a valid record id (ids start with a letter or digit), so never an item's. */
export const batchParam = (index: number) => `_batch-${index}`;

/** The response header naming a batch page, `<kind> <index>`. */
export const batchHeader = 'x-decision-packet-batch';

/**
 * Between two items' contents in a batch page. Markup only a template can write: any text from
 * the content is escaped (`<` becomes `&lt;`), and these pages render no raw HTML.
 */
export const pageBreak = '<dp-page-break></dp-page-break>';

const slotNames = ['title', 'description', 'path'] as const;
type SlotName = (typeof slotNames)[number];
/** Slot markers: letters, digits and dashes, so that escaping and URL parsing leave them as they are. */
const marker = (name: SlotName) => `dp-slot-${name}-5e1f`;

/** Base's props for a batch page's shell: the slots, and the kind's search type. */
export function shellProps(kind: ItemPageKind): PageProps {
  const { searchType, wide } = itemPageKinds[kind];
  return { title: marker('title'), description: marker('description'), path: marker('path'), searchType, ...(wide && { wide: true }) };
}

type Part = string | { slot: SlotName; attribute: boolean };

export interface BatchPage {
  /** The page around the main content, split at its slots. */
  before: Part[];
  after: Part[];
  /** Each item's main content, in order. */
  contents: string[];
}

/** Splits a rendered batch page; throws when it is not one of `count` items. */
export function splitBatchPage(html: string, count: number): BatchPage {
  const pieces = html.split(pageBreak);
  // A break before each item's content and one after the last.
  if (pieces.length !== count + 2) throw new Error(`A batch page of ${count} item(s) has ${pieces.length - 1} page break(s).`);
  // The path is in the page only with a published origin (its canonical URL).
  return { before: splitSlots(pieces[0]!), after: splitSlots(pieces.at(-1)!), contents: pieces.slice(1, -1) };
}

function splitSlots(html: string): Part[] {
  const pattern = new RegExp(slotNames.map(marker).join('|'), 'g');
  const parts: Part[] = [];
  let last = 0;
  for (const match of html.matchAll(pattern)) {
    parts.push(html.slice(last, match.index));
    // Inside a tag the value is an attribute's (Astro escapes & and "), else text (& < > ' ").
    const attribute = html.lastIndexOf('<', match.index) > html.lastIndexOf('>', match.index);
    parts.push({ slot: slotNames.find((name) => marker(name) === match[0])!, attribute });
    last = match.index + match[0].length;
  }
  parts.push(html.slice(last));
  return parts;
}

/**
 * One page of a batch: the shell with the item's props in its slots, around the item's content.
 * The slots are escaped as Astro escapes text and attribute values, by our own functions: Astro's
 * (astro/runtime/…) are no public API.
 */
export function itemPage(page: BatchPage, props: PageProps, content: string): string {
  const fill = (parts: Part[]) =>
    parts
      .map((part) => (typeof part === 'string' ? part : part.attribute ? htmlAttributeValue(props[part.slot]) : htmlText(props[part.slot])))
      .join('');
  return `${fill(page.before)}${content}${fill(page.after)}`;
}
