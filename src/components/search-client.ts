// The search client: loaded on demand by the header search and the search page. It stays a chunk
// of its own on purpose: Pagefind's index is only known at run time (it is written after the
// build), and a dynamic import of it inside a script Astro inlines into the page is left broken by
// the bundler (an unreplaced __VITE_PRELOAD__ marker). A script that imports this module is never inlined.

interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  locations?: number[];
}
interface PagefindResult {
  url: string;
  meta: { title?: string };
  excerpt: string;
  sub_results?: PagefindSubResult[];
}
interface Pagefind {
  search: (
    query: string,
    options?: { filters?: Record<string, string> },
  ) => Promise<{ results: { data: () => Promise<PagefindResult> }[] }>;
  filters: () => Promise<Record<string, Record<string, number>>>;
  options: (options: { excerptLength?: number }) => Promise<void>;
  mergeIndex: (indexPath: string, options?: { baseUrl?: string; excerptLength?: number }) => Promise<void>;
}

let pagefind: Promise<Pagefind> | undefined;
/** Shards merged so far: a load retried after a failure must not merge one twice (its pages would count twice). */
const merged = new Set<string>();

const excerptLength = 18;

/**
 * Pagefind's client with the whole index: a large site's index is written in shards (the build's
 * search-index.ts), the first one at pagefind/ and the others listed in its shards.json, each
 * merged into the first. Their results come back as one list, ranked together.
 */
function loadPagefind(base: string): Promise<Pagefind> {
  pagefind ??= (import(/* @vite-ignore */ `${base}pagefind/pagefind.js`) as Promise<Pagefind>).then(async (loaded) => {
    await loaded.options({ excerptLength });
    const manifest = await fetch(`${base}pagefind/shards.json`);
    if (!manifest.ok) throw new Error(`The search index's shard list could not be loaded (${manifest.status}).`);
    const { shards } = (await manifest.json()) as { shards: string[] };
    const merging = shards.map((shard) => `${base}pagefind/${shard}`).filter((shard) => !merged.has(shard));
    await Promise.all(merging.map((shard) => loaded.mergeIndex(shard, { baseUrl: base, excerptLength }).then(() => merged.add(shard))));
    return loaded;
  });
  return pagefind;
}

/** Pagefind's excerpt as DOM nodes: its text, with the hits it marked as <mark> and nothing else. */
function excerptNodes(html: string): Node[] {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  return [...body.childNodes].map((node) => {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent ?? '');
  });
}

const comparable = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The sections of a result that match best first: a section whose heading names the query
 * (DP504 → the rule's own heading), then one whose excerpt holds a highlighted hit, then page order.
 */
function bestSections(result: PagefindResult, query: string): PagefindSubResult[] {
  const wanted = comparable(query);
  const subs = (result.sub_results ?? []).filter((sub) => sub.url.includes('#'));
  const score = (sub: PagefindSubResult) =>
    (wanted && comparable(sub.title).includes(wanted) ? 2 : 0) + (sub.excerpt.includes('<mark>') ? 1 : 0);
  return subs
    .map((sub, order) => ({ sub, order, score: score(sub) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((entry) => entry.sub);
}

/**
 * The results with the pages the query names first (a search for an item's id opens that item's
 * page), otherwise in Pagefind's order. The index is in shards, each ranked by its own word
 * statistics, so the page an id names can come after pages in another shard that only mention it.
 */
export function namedFirst<T extends { url: string }>(results: readonly T[], query: string): T[] {
  const wanted = query.trim().toLowerCase();
  const named = (result: T) =>
    decodeURIComponent(new URL(result.url, 'http://localhost').pathname)
      .replace(/\/(?:index\.html)?$/, '')
      .split('/')
      .pop()!
      .toLowerCase() === wanted;
  return [...results].sort((a, b) => Number(named(b)) - Number(named(a)));
}

export interface SearchOptions {
  limit?: number;
  filters?: Record<string, string>;
  /** False once a newer search started: its results must not be overwritten by this one. */
  isCurrent?: () => boolean;
}

/**
 * Runs one search and renders its results: a link to the best-matching section of each page
 * (Pagefind sub-results follow headings with ids), the excerpt with its hits highlighted, and
 * up to two further matching sections.
 */
export async function runSearch(
  query: string,
  base: string,
  status: HTMLElement,
  list: HTMLOListElement,
  options: SearchOptions = {},
): Promise<void> {
  const limit = options.limit ?? 20;
  const current = options.isCurrent ?? (() => true);
  if (!query.trim()) {
    list.replaceChildren();
    status.textContent = 'Type a word, a work item id, a rule id such as DP504, or a field name.';
    return;
  }
  status.textContent = 'Searching…';
  try {
    const search = await (await loadPagefind(base)).search(query, options.filters ? { filters: options.filters } : undefined);
    const results = namedFirst(await Promise.all(search.results.slice(0, limit).map((result) => result.data())), query);
    if (!current()) return;
    list.replaceChildren(
      ...results.map((result) => {
        const item = document.createElement('li');
        const sections = bestSections(result, query);
        const best = sections[0];
        const link = document.createElement('a');
        link.href = best?.url ?? result.url;
        const title = result.meta.title ?? result.url;
        link.textContent = best && best.title !== title ? `${title} › ${best.title}` : title;
        const excerpt = document.createElement('p');
        excerpt.append(...excerptNodes(best?.excerpt ?? result.excerpt));
        item.append(link, excerpt);
        const more = sections.slice(1, 3);
        if (more.length > 0) {
          const nested = document.createElement('ul');
          for (const section of more) {
            const entry = document.createElement('li');
            const sectionLink = document.createElement('a');
            sectionLink.href = section.url;
            sectionLink.textContent = section.title;
            entry.append(sectionLink);
            nested.append(entry);
          }
          item.append(nested);
        }
        return item;
      }),
    );
    const count = search.results.length;
    status.textContent = `${count} result${count === 1 ? '' : 's'} for “${query}”${count > results.length ? `; the first ${results.length} are shown` : ''}.`;
  } catch {
    pagefind = undefined;
    if (!current()) return;
    list.replaceChildren();
    status.textContent = 'Search could not load its index. Every packet is listed on the index page.';
  }
}

/** The filters Pagefind knows (type, state, kind …), each with its values. */
export async function searchFilters(base: string): Promise<Record<string, Record<string, number>>> {
  try {
    return await (await loadPagefind(base)).filters();
  } catch {
    return {};
  }
}
