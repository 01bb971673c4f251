// Pagefind search, built as part of the build. An indexing failure fails the build: a site
// whose search silently misses pages is not published.
import * as pagefind from 'pagefind';

export async function indexSite(outDir: string): Promise<number> {
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', writePlayground: false });
    if (!index || errors.length > 0) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: outDir });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    if (added.page_count === 0) throw new Error('Pagefind indexed no pages.');
    const written = await index.writeFiles({ outputPath: `${outDir}/pagefind` });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}
