// The search page's client: loaded on demand by search.astro's script. It stays a chunk of its
// own on purpose: Pagefind's index is only known at run time (it is written after the build), and
// a dynamic import of it inside a script Astro inlines into the page is left broken by the bundler
// (an unreplaced __VITE_PRELOAD__ marker). A script that imports this module is never inlined.

interface PagefindResult {
  url: string;
  meta: { title?: string };
  excerpt: string;
}
interface Pagefind {
  search: (query: string) => Promise<{ results: { data: () => Promise<PagefindResult> }[] }>;
}

let pagefind: Promise<Pagefind> | undefined;

function loadPagefind(base: string): Promise<Pagefind> {
  pagefind ??= import(/* @vite-ignore */ `${base}pagefind/pagefind.js`) as Promise<Pagefind>;
  return pagefind;
}

/** Runs one search and renders its results as links with a plain-text excerpt. */
export async function runSearch(query: string, base: string, status: HTMLElement, list: HTMLOListElement): Promise<void> {
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = 'Type a word, an id such as a work item id, or a field name.';
    return;
  }
  status.textContent = 'Searching…';
  try {
    const search = await (await loadPagefind(base)).search(query);
    const results = await Promise.all(search.results.slice(0, 20).map((result) => result.data()));
    for (const result of results) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = result.url;
      link.textContent = result.meta.title ?? result.url;
      const excerpt = document.createElement('p');
      // Pagefind marks hits with <mark> in an HTML excerpt: only its text is shown.
      excerpt.textContent = new DOMParser().parseFromString(result.excerpt, 'text/html').body.textContent ?? '';
      item.append(link, excerpt);
      list.append(item);
    }
    const count = search.results.length;
    status.textContent = `${count} result${count === 1 ? '' : 's'} for “${query}”${count > results.length ? `; the first ${results.length} are shown` : ''}.`;
  } catch {
    pagefind = undefined;
    status.textContent = 'Search could not load its index. Every packet is listed on the index page.';
  }
}
