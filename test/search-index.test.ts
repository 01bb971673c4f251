// The search index, fed to Pagefind page by page as Astro renders: it holds what indexing the
// built site afterwards (Pagefind's addDirectory) would hold, every id a reader searches for lands
// on its page (and section), every word of each page's indexed body is in that page's record,
// what a page marks data-pagefind-ignore is not, and the filters count what the pages carry.
// One fixture site (the base fixture plus a packet in each branch), built as a whole process with
// its index in shards of a few pages, so every search here goes across merged shards.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threeStateContent } from './helpers/fixtures.ts';
import { makeBuildDir, runCli } from './helpers/run.ts';
import { serveStatic, type StaticServer } from './helpers/static-server.ts';
import { launchTestBrowser } from './helpers/test-browser.ts';
import { rules } from '../src/rules/catalog.ts';
import { searchableHtml, SearchIndex } from '../src/integration/search-index.ts';
import { namedFirst } from '../src/components/search-client.ts';

interface SearchRecord {
  url: string;
  content: string;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
  anchors: { element: string; id: string; text: string }[];
}

/** Elements Pagefind never indexes, whatever the page marks (its parser's REMOVE_SELECTORS). */
const neverIndexed = 'head, style, script, noscript, label, form, svg, footer, nav, iframe, template';

let workDir: string;
let content: string;
let out: string;
let server: StaticServer;
let browser: Browser;
let page: Page;
let records: SearchRecord[];

/** Pages in each shard of the fixture's index: the fixture has a few dozen pages. */
const pagesPerShard = 5;

/** The records of one written Pagefind index: its fragment files, unpacked (gzip, then Pagefind's signature). */
function readRecords(indexDir: string): SearchRecord[] {
  const folder = path.join(indexDir, 'fragment');
  return readdirSync(folder)
    .sort()
    .map(
      (name) =>
        JSON.parse(
          gunzipSync(readFileSync(path.join(folder, name)))
            .toString('utf8')
            .replace(/^pagefind_dcd/, ''),
        ) as SearchRecord,
    );
}

/** The shards a built index lists for the client to merge. */
const shardsOf = (indexDir: string) =>
  (JSON.parse(readFileSync(path.join(indexDir, 'shards.json'), 'utf8')) as { shards: string[] }).shards;

/** The records of the site's whole index: the first shard's and each listed shard's. */
const readAllRecords = (indexDir: string) =>
  [indexDir, ...shardsOf(indexDir).map((shard) => path.join(indexDir, shard))].flatMap(readRecords);

/** Words as the test compares them: letters and digits, lower-cased. */
const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** Every HTML page of the built site, as Pagefind names it (a/index.html → /a/, 404.html → /404.html). */
function htmlPages(): { url: string; file: string }[] {
  return readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => path.relative(out, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .map((file) => ({ file, url: `/${file.replace(/(?:^|\/)index\.html$/, (ending) => (ending.startsWith('/') ? '/' : ''))}` }))
    .sort((a, b) => (a.url < b.url ? -1 : 1));
}

/** Searches in the browser through the site's own Pagefind bundle: each query's results (url, sub-result urls). */
async function search(queries: string[], filters?: Record<string, string>): Promise<Record<string, { url: string; sections: string[] }[]>> {
  return page.evaluate(
    async ({ queries, filters }) => {
      const loaded = (window as unknown as { pagefind: unknown }).pagefind as {
        search: (
          query: string | null,
          options?: object,
        ) => Promise<{ results: { data: () => Promise<{ url: string; sub_results: { url: string }[] }> }[] }>;
      };
      const found: Record<string, { url: string; sections: string[] }[]> = {};
      for (const query of queries) {
        const result = await loaded.search(query === '' ? null : query, filters ? { filters } : {});
        found[query] = await Promise.all(
          result.results.map(async (hit) => {
            const data = await hit.data();
            return { url: data.url, sections: data.sub_results.map((sub) => sub.url) };
          }),
        );
      }
      return found;
    },
    { queries, filters },
  );
}

beforeAll(async () => {
  workDir = makeBuildDir('search');
  content = threeStateContent();
  out = path.join(workDir, 'dist');
  const build = await runCli('build', [], {
    PACKET_TODAY: '2026-11-24',
    PACKET_CONTENT_DIR: content,
    PACKET_OUT_DIR: out,
    PACKET_CACHE_DIR: path.join(workDir, 'cache'),
    PACKET_SEARCH_SHARD_PAGES: String(pagesPerShard),
  });
  if (build.code !== 0) throw new Error(`build exited ${build.code}:\n${build.stderr}`);
  records = readAllRecords(path.join(out, 'pagefind'));
  server = await serveStatic(out);
  browser = await launchTestBrowser();
  page = await (await browser.newContext()).newPage();
  await page.goto(`${server.origin}/search/`);
  // The site's own Pagefind bundle with every shard merged by the site's search client: the
  // search page has loaded it once its filters show (the same module; a string: the test's
  // bundler would rewrite an import() inside a function).
  await page.waitForSelector('#search-filters:not([hidden])', { timeout: 15_000 });
  await page.evaluate("import('/pagefind/pagefind.js').then((loaded) => { window.pagefind = loaded; })");
}, 240_000);

afterAll(async () => {
  await (browser as Browser | undefined)?.close();
  await (server as StaticServer | undefined)?.close();
  rmSync(workDir, { recursive: true, force: true });
  rmSync(path.dirname(content), { recursive: true, force: true });
});

describe('the search index fed as the pages render', () => {
  it('holds the records Pagefind makes when it indexes the built site afterwards, with definition lists kept apart as words', async () => {
    const afterwards = mkdtempSync(path.join(tmpdir(), 'decision-packet-index-'));
    try {
      const { index } = await pagefind.createIndex({ forceLanguage: 'en', writePlayground: false });
      const added = await index!.addDirectory({ path: out });
      expect(added.errors).toEqual([]);
      expect((await index!.writeFiles({ outputPath: afterwards })).errors).toEqual([]);
      await pagefind.close();
      // The same pages, titles, images, filters and sections, and the same text but for the
      // spaces kept after each <dt> and <dd> (searchableHtml): "Kind admission", not "Kindadmission"
      // (and so without the full stop Pagefind puts where a block's text runs into the next).
      const comparable = (record: SearchRecord) => ({
        url: record.url,
        meta: record.meta,
        filters: record.filters,
        anchors: record.anchors.map(({ element, id, text }) => ({ element, id, text })),
        text: record.content.replace(/[^\p{L}\p{N}]+/gu, ''),
      });
      const byUrl = (list: SearchRecord[]) => list.map(comparable).sort((a, b) => (a.url < b.url ? -1 : 1));
      const read = readRecords(afterwards);
      expect(records.length).toBe(added.page_count);
      expect(byUrl(records)).toEqual(byUrl(read));
      // The difference is real: some record has more words than Pagefind alone made of its page.
      const wordCount = (list: SearchRecord[]) =>
        list.reduce((sum, record) => sum + (record.content.match(/[\p{L}\p{N}]+/gu) ?? []).length, 0);
      expect(wordCount(records)).toBeGreaterThan(wordCount(read));
    } finally {
      rmSync(afterwards, { recursive: true, force: true });
    }
  });

  it('is written in shards of the set number of pages, each but the first holding only what a merged index reads', () => {
    const index = path.join(out, 'pagefind');
    const shards = shardsOf(index);
    const pages = htmlPages().length;
    expect(shards).toEqual(Array.from({ length: Math.ceil(pages / pagesPerShard) - 1 }, (_, n) => `shard-${n + 1}/`));
    expect(shards.length).toBeGreaterThanOrEqual(3);
    expect(readRecords(index)).toHaveLength(pagesPerShard);
    for (const [n, shard] of shards.entries()) {
      expect(readRecords(path.join(index, shard)), shard).toHaveLength(
        n === shards.length - 1 ? pages - pagesPerShard * shards.length : pagesPerShard,
      );
      const files = readdirSync(path.join(index, shard)).sort();
      expect(
        files.filter(
          (file) => !['fragment', 'index', 'filter', 'pagefind-entry.json'].includes(file) && !/^pagefind\.[^/]+\.pf_meta$/.test(file),
        ),
        shard,
      ).toEqual([]);
    }
    expect(readdirSync(index)).toContain('pagefind.js');
  });

  it("finds, from the site's own search page, a page whose record is in a merged shard", async () => {
    const index = path.join(out, 'pagefind');
    const itemPages = /^\/(?:packets|work-items|evidence)\/[^/]+\/$/;
    const lastWithItems = shardsOf(index)
      .map((shard) => readRecords(path.join(index, shard)))
      .findLast((shard) => shard.some((record) => itemPages.test(record.url)));
    const workItem = lastWithItems?.find((record) => itemPages.test(record.url));
    expect(workItem, 'a packet, work-item or evidence page in a merged shard').toBeDefined();
    const id = workItem!.url.split('/').at(-2)!;
    const searchPage = await (await browser.newContext()).newPage();
    await searchPage.goto(`${server.origin}/search/?q=${encodeURIComponent(id)}`);
    await searchPage.waitForSelector('#search-results li a', { timeout: 15_000 });
    const hrefs = await searchPage
      .locator('#search-results > li > a')
      .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
    expect(hrefs).toContain(workItem!.url);
    await searchPage.context().close();
  });

  it("opens, from the site's own search page, the page a searched id names first, whichever shard ranked it", async () => {
    const ids = (folder: string, prefix: string) =>
      readdirSync(path.join(content, folder)).map((name) => ({
        id: name.replace(/\.(?:ya?ml|md)$/, ''),
        url: `/${prefix}/${name.replace(/\.(?:ya?ml|md)$/, '')}/`,
      }));
    const items = [...ids('decisions', 'packets'), ...ids('work-items', 'work-items'), ...ids('evidence', 'evidence')];
    expect(items.length).toBeGreaterThan(8);
    const searchPage = await (await browser.newContext()).newPage();
    for (const { id, url } of items) {
      await searchPage.goto(`${server.origin}/search/?q=${encodeURIComponent(id)}`);
      await searchPage.waitForSelector('#search-results li a', { timeout: 15_000 });
      const first = await searchPage
        .locator('#search-results > li > a')
        .first()
        .evaluate((link) => new URL((link as HTMLAnchorElement).href).pathname);
      expect(first, id).toBe(url);
    }
    await searchPage.context().close();
  });

  it('has a record for every HTML page, and finds every packet, work item and evidence id on its own page', async () => {
    expect(records.map((record) => record.url).sort()).toEqual(
      htmlPages()
        .map((entry) => entry.url)
        .sort(),
    );
    const ids = (folder: string) =>
      readdirSync(path.join(content, folder))
        .map((name) => name.replace(/\.(?:ya?ml|md)$/, ''))
        .sort();
    const expected = [
      ...ids('decisions').map((id) => ({ id, url: `/packets/${id}/` })),
      ...ids('work-items').map((id) => ({ id, url: `/work-items/${id}/` })),
      ...ids('evidence').map((id) => ({ id, url: `/evidence/${id}/` })),
    ];
    expect(expected.length).toBeGreaterThan(8);
    const found = await search(expected.map((entry) => entry.id));
    for (const { id, url } of expected)
      expect(
        found[id]!.map((hit) => hit.url),
        id,
      ).toContain(url);
  });

  it('lands a rule id on its own section of the rules page', async () => {
    const ids = rules.map((rule) => rule.id);
    const found = await search(ids);
    for (const id of ids) {
      const onRules = found[id]!.find((hit) => hit.url === '/rules/');
      expect(onRules?.sections, id).toContain(`/rules/#${id.toLowerCase()}`);
    }
  });

  it("lands a search for a packet section's heading on that section of each packet", async () => {
    const packets = records.filter((record) => record.url.startsWith('/packets/'));
    expect(packets.length).toBe(3);
    const headings = packets.flatMap((record) =>
      record.anchors
        .filter((anchor) => /^h[2-6]$/.test(anchor.element) && anchor.text.trim() !== '')
        .map((anchor) => ({ url: record.url, ...anchor })),
    );
    expect(headings.length).toBeGreaterThan(15);
    const found = await search([...new Set(headings.map((heading) => heading.text))]);
    for (const heading of headings) {
      const hit = found[heading.text]!.find((result) => result.url === heading.url);
      expect(hit?.sections, `${heading.url} ${heading.text}`).toContain(`${heading.url}#${heading.id}`);
    }
  });

  it("keeps every word of each page's indexed body in its record, and none found only in what the page marks data-pagefind-ignore", async () => {
    const pages = htmlPages();
    const bodies = await page.evaluate(
      async ({ pages, neverIndexed }) => {
        const parser = new DOMParser();
        return Promise.all(
          pages.map(async ({ file, url }) => {
            const doc = parser.parseFromString(await (await fetch(`/${file}`)).text(), 'text/html');
            const body = doc.querySelector('[data-pagefind-body]');
            if (!body) return { url, indexed: '', ignored: '' };
            for (const removed of body.querySelectorAll(neverIndexed)) removed.remove();
            const ignored = [...body.querySelectorAll('[data-pagefind-ignore]')].map((element) => element.textContent).join(' ');
            for (const element of body.querySelectorAll('[data-pagefind-ignore]')) element.remove();
            // Block elements are separate words even without a space between them (Pagefind reads them so).
            for (const block of body.querySelectorAll(
              'h1, h2, h3, h4, h5, h6, p, td, th, div, ul, ol, li, dt, dd, article, section, summary, br',
            )) {
              block.prepend(' ');
              block.append(' ');
            }
            return { url, indexed: body.textContent, ignored };
          }),
        );
      },
      { pages, neverIndexed },
    );
    const byUrl = new Map(records.map((record) => [record.url, record]));
    let ignoredOnly = 0;
    for (const { url, indexed, ignored } of bodies) {
      if (indexed === '') continue;
      const record = words(byUrl.get(url)!.content);
      const missing = [...words(indexed)].filter((word) => !record.has(word));
      expect(missing, url).toEqual([]);
      const onlyIgnored = [...words(ignored)].filter((word) => !words(indexed).has(word));
      ignoredOnly += onlyIgnored.length;
      expect(
        onlyIgnored.filter((word) => record.has(word)),
        url,
      ).toEqual([]);
    }
    // The pages do mark text to leave out (the contents lists, table headings, copy-link marks).
    expect(ignoredOnly).toBeGreaterThan(0);
  });

  it('filters by page type, decision state and kind as the pages mark them', async () => {
    // What the pages carry: each data-pagefind-filter="name:value" on each page, counted.
    const expected: Record<string, Record<string, number>> = {};
    for (const { file } of htmlPages()) {
      const html = readFileSync(path.join(out, file), 'utf8');
      const pairs = new Set([...html.matchAll(/data-pagefind-filter="([^":]+):([^"]+)"/g)].map((match) => `${match[1]}:${match[2]}`));
      for (const pair of pairs) {
        const [name, value] = [pair.slice(0, pair.indexOf(':')), pair.slice(pair.indexOf(':') + 1)];
        (expected[name] ??= {})[value] = (expected[name][value] ?? 0) + 1;
      }
    }
    expect(Object.keys(expected).sort()).toEqual(['kind', 'state', 'type']);
    const filters = await page.evaluate(async () => {
      const loaded = (window as unknown as { pagefind: unknown }).pagefind as {
        filters: () => Promise<Record<string, Record<string, number>>>;
      };
      return loaded.filters();
    });
    expect(filters).toEqual(expected);
    // A filtered search returns exactly the pages carrying that value.
    for (const [name, values] of Object.entries(expected)) {
      for (const value of Object.keys(values)) {
        const found = (await search([''], { [name]: value }))['']!;
        const marked = records
          .filter((record) => record.filters[name]?.includes(value))
          .map((record) => record.url)
          .sort();
        expect(found.map((hit) => hit.url).sort(), `${name}:${value}`).toEqual(marked);
        expect(found.length).toBe(values[value]);
      }
    }
  });
});

describe('the order pages are indexed in, and the shards they are written in', () => {
  const page = (title: string) =>
    new TextEncoder().encode(
      `<!doctype html><html lang="en"><body><main data-pagefind-body><h1>${title}</h1><p>Words of ${title}.</p></main></body></html>`,
    );
  /** Writes an index of `count` pages whose renders finish in `finishing` order; returns its files and their bytes. */
  async function indexFinishing(finishing: number[], pagesPerShard?: number): Promise<Record<string, string>> {
    const dir = mkdtempSync(path.join(tmpdir(), 'decision-packet-order-'));
    try {
      const scanned: string[] = [];
      const index = new SearchIndex({
        outputPath: path.join(dir, 'staging'),
        pagesPerShard,
        written: (folder) => {
          scanned.push(path.basename(folder));
          return Promise.resolve();
        },
      });
      const slots = finishing.map(() => index.reserve());
      await Promise.all(finishing.map((n) => slots[n]!.fill({ file: `p${n}/index.html`, bytes: page(`Page ${n}`) })));
      mkdirSync(path.join(dir, 'site'));
      await index.complete(path.join(dir, 'site'));
      const written = await index.write();
      expect(index.pageCount).toBe(finishing.length);
      // Each shard was handed on once written (to be scanned), the first as `index`.
      expect(scanned.sort()).toEqual(
        [
          'index',
          ...Array.from({ length: Math.ceil(finishing.length / (pagesPerShard ?? finishing.length)) - 1 }, (_, n) => `shard-${n + 1}`),
        ].sort(),
      );
      const files = readdirSync(written, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
      return Object.fromEntries(
        files.map((entry) => [
          path.relative(written, path.join(entry.parentPath, entry.name)),
          readFileSync(path.join(entry.parentPath, entry.name)).toString('base64'),
        ]),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('is the order the renders started in, whatever order they finish in: the same index byte for byte', async () => {
    const inOrder = await indexFinishing([0, 1, 2]);
    expect(Object.keys(inOrder).some((file) => file.includes('fragment'))).toBe(true);
    expect(JSON.parse(Buffer.from(inOrder['shards.json']!, 'base64').toString('utf8'))).toEqual({ shards: [] });
    expect(await indexFinishing([2, 0, 1])).toEqual(inOrder);
    expect(await indexFinishing([1, 2, 0])).toEqual(inOrder);
  });

  it('puts the pages in shards by that order, the same shards byte for byte whatever order they finish in', async () => {
    const inOrder = await indexFinishing([0, 1, 2, 3, 4], 2);
    expect(JSON.parse(Buffer.from(inOrder['shards.json']!, 'base64').toString('utf8'))).toEqual({ shards: ['shard-1/', 'shard-2/'] });
    const fragments = (prefix: string) => Object.keys(inOrder).filter((file) => new RegExp(`^${prefix}fragment/`).test(file)).length;
    expect([fragments(''), fragments('shard-1/'), fragments('shard-2/')]).toEqual([2, 2, 1]);
    expect(await indexFinishing([4, 2, 0, 3, 1], 2)).toEqual(inOrder);
    expect(await indexFinishing([1, 0, 3, 2, 4], 2)).toEqual(inOrder);
  });
});

describe('what Pagefind is handed of a page', () => {
  const encode = (html: string) => new TextEncoder().encode(html);
  const head = '<head><meta charset="utf-8"><title>A page</title><style>main{}</style><script>let a = "<main>";</script></head>';
  const header = '<header><nav><a href="/">Home</a></nav></header>';

  it("is a page's <html> tag, title and <main> when its one data-pagefind-body is its one <main>, with definition lists kept apart", () => {
    const page = `<!DOCTYPE html><html lang="en">${head}<body>${header}<main id="main" data-pagefind-body><h1>Title</h1><dl><dt>Owner</dt><dd>alice</dd></dl></main><footer>Built</footer></body></html>`;
    expect(searchableHtml(encode(page))).toBe(
      '<!DOCTYPE html><html lang="en"><head><title>A page</title></head><body><main id="main" data-pagefind-body><h1>Title</h1><dl><dt>Owner</dt> <dd>alice</dd> </dl></main></body></html>',
    );
  });

  it('is the whole page otherwise: two bodies, a body that is not the <main>, two <main>s, no title', () => {
    const pages = [
      `<!DOCTYPE html><html lang="en">${head}<body><main data-pagefind-body><p>one</p></main><aside data-pagefind-body>two</aside></body></html>`,
      `<!DOCTYPE html><html lang="en">${head}<body><main><div data-pagefind-body><p>one</p></div></main></body></html>`,
      `<!DOCTYPE html><html lang="en">${head}<body><main data-pagefind-body><p>one</p></main><main hidden>two</main></body></html>`,
      `<!DOCTYPE html><html lang="en"><head></head><body><main data-pagefind-body><p>one</p></main></body></html>`,
      `<!DOCTYPE html><html lang="en">${head}<body><p>no body marked</p></body></html>`,
    ];
    for (const page of pages) expect(searchableHtml(encode(page)), page).toBe(page);
  });
});

describe('the order results are shown in', () => {
  it('puts the pages the query names first (an id opens its own page), and keeps the rest in ranked order', () => {
    const results = [
      '/work-items/WI-7/#gated-by',
      '/evidence/ev-7/',
      '/packets/alpha/#decision-record',
      '/guides/alpha-notes/',
      '/packets/beta/',
    ].map((url) => ({ url }));
    expect(namedFirst(results, 'alpha').map((result) => result.url)).toEqual([
      '/packets/alpha/#decision-record',
      '/work-items/WI-7/#gated-by',
      '/evidence/ev-7/',
      '/guides/alpha-notes/',
      '/packets/beta/',
    ]);
    expect(namedFirst(results, ' wi-7 ').map((result) => result.url)[0]).toBe('/work-items/WI-7/#gated-by');
    expect(namedFirst(results, 'provider').map((result) => result.url)).toEqual(results.map((result) => result.url));
  });
});
