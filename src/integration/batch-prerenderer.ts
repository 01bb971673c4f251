// Astro's prerenderer, wrapped so that a batch page (src/site/item-pages.ts) becomes the pages of
// its items: each is written to its own folder (and handed to the page scan and the search index,
// as every page Astro renders is), and Astro is given an empty response, so it writes no file for
// the batch itself.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { batchHeader, itemBatches, itemPage, itemPageProps, splitBatchPage, type ItemPageKind } from '../site/item-pages.ts';
import { withRender, type PageWatchers, type Prerenderer } from './scanning-prerenderer.ts';
import { getValidatedSite } from './validated-site.ts';
import { timed } from '../core/timings.ts';

/** Pages of a batch written at once. */
const writesAtOnce = 16;

export function batchPrerenderer(inner: Prerenderer, outDir: string, watchers: PageWatchers): Prerenderer {
  const render: Prerenderer['render'] = async (request, options) => {
    // The batch's pages take their place in the search index's order as its render starts.
    const slot = watchers.search?.reserve();
    let indexed: IndexedPage[] | undefined;
    try {
      const rendered = await inner.render(request, options);
      const response = rendered instanceof Response ? rendered : rendered.response;
      const batch = response.headers.get(batchHeader);
      if (batch === null) return rendered;
      const html = await response.text();
      indexed = await timed(`item pages ${batch}`, () => writeBatch(batch, html, outDir, watchers));
      const empty = new Response(null, { status: response.status });
      return rendered instanceof Response ? empty : { ...rendered, response: empty };
    } finally {
      await slot?.fill(indexed);
    }
  };
  return withRender(inner, render);
}

interface IndexedPage {
  file: string;
  bytes: Uint8Array;
}

/** Writes the batch's pages; returns them for the search index (in the batch's order) when there is one. */
async function writeBatch(name: string, html: string, outDir: string, { scan, search }: PageWatchers): Promise<IndexedPage[]> {
  const indexed: IndexedPage[] = [];
  const [kind, index] = name.split(' ') as [ItemPageKind, string];
  const batch = itemBatches(await getValidatedSite(), kind)[Number(index)];
  if (!batch) throw new Error(`No batch ${name} of item pages.`);
  const page = splitBatchPage(html, batch.items.length);
  // Each page's bytes are made as it is written: only a few exist at a time beside the batch.
  for (let start = 0; start < batch.items.length; start += writesAtOnce) {
    await Promise.all(
      batch.items.slice(start, start + writesAtOnce).map(async (item, offset) => {
        const props = itemPageProps(kind, item);
        const file = path.join(outDir, props.path, 'index.html');
        const bytes = Buffer.from(itemPage(page, props, page.contents[start + offset]!));
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, bytes);
        await scan?.submit(bytes);
        if (search) indexed[start + offset] = { file: `${props.path}index.html`, bytes };
      }),
    );
  }
  return indexed;
}
