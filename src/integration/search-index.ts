// Pagefind search, built as part of the build. An indexing failure fails the build: a site
// whose search silently misses pages is not published.
//
// Two steps, so the caller can overlap indexing (Pagefind's own process reads the pages) with
// other work on the pages, and write the index only afterwards.
import * as pagefind from 'pagefind';

export interface PendingIndex {
  /** Pages indexed. */
  pageCount: number;
  /** Writes the index to `<outDir>/pagefind`, or to `outputPath` (to be moved there later). */
  write(outputPath?: string): Promise<number>;
}

/** Indexes every page of the built site; nothing is written until `write()`. */
export async function indexPages(outDir: string): Promise<PendingIndex> {
  let handedOver = false;
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', writePlayground: false });
    if (!index || errors.length > 0) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: outDir });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    if (added.page_count === 0) throw new Error('Pagefind indexed no pages.');
    handedOver = true;
    return {
      pageCount: added.page_count,
      write: async (outputPath = `${outDir}/pagefind`) => {
        try {
          const written = await index.writeFiles({ outputPath });
          if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
          return added.page_count;
        } finally {
          await pagefind.close();
        }
      },
    };
  } finally {
    if (!handedOver) await pagefind.close();
  }
}

/** Indexes the built site and writes the index: both steps at once. */
export async function indexSite(outDir: string): Promise<number> {
  return (await indexPages(outDir)).write();
}
