// Pagefind search, built as part of the build and fed while Astro renders: each page's exact
// bytes go to Pagefind's own process as soon as the page is rendered (the wrapped prerenderer,
// scanning-prerenderer.ts), so by the end of Astro's render only writing the index is left.
// The pages are handed over in the order Astro started rendering them (a fixed order), whatever
// order they finish in: Pagefind numbers pages as they arrive, and the same content must give
// the same index byte for byte. After the render, any HTML file in the output that was not seen
// rendering (an adapter's prerenderer, a page Astro wrote itself) is added from the disk, sorted,
// so the index holds every page `addDirectory` would have read (see searchableHtml for the one
// difference: words a definition list runs together are kept apart). An indexing failure fails the
// build: a site whose search silently misses pages is not published.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';

type PagefindIndex = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>['index']>;

export interface SearchIndexOptions {
  /** Pages at most handed to Pagefind and not yet indexed before `page()` waits (back-pressure). */
  maxInFlight?: number;
}

/** One page's place in the order the pages are indexed in. */
export interface PageSlot {
  /** The page's bytes and the path its file is written to (relative to the output folder), or the pages of a batch in order, or nothing: it is not indexed here. */
  fill(page?: { file: string; bytes: Uint8Array } | readonly { file: string; bytes: Uint8Array }[]): Promise<void>;
}

const decoder = new TextDecoder();

export class SearchIndex {
  readonly #index: Promise<PagefindIndex>;
  readonly #maxInFlight: number;
  /** What arrived out of order, by slot number, waiting for the slots before it. */
  readonly #arrived = new Map<number, readonly { file: string; bytes: Uint8Array }[]>();
  readonly #files = new Set<string>();
  readonly #errors: string[] = [];
  #reserved = 0;
  #next = 0;
  #inFlight = 0;
  #sending: Promise<void> = Promise.resolve();
  #room: (() => void)[] = [];
  #idle: (() => void)[] = [];
  #closed = false;

  constructor(options: SearchIndexOptions = {}) {
    this.#maxInFlight = options.maxInFlight ?? 32;
    this.#index = pagefind.createIndex({ forceLanguage: 'en', writePlayground: false }).then(({ index, errors }) => {
      if (!index || errors.length > 0) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
      return index;
    });
    // A failure to start is reported by write(); until then nothing waits on it unhandled.
    this.#index.catch(() => undefined);
  }

  /** Pages indexed so far (handed to Pagefind). */
  get pageCount(): number {
    return this.#files.size;
  }

  /** Takes the next place in the order; call it when a page starts rendering, fill it when it is done. */
  reserve(): PageSlot {
    const slot = this.#reserved++;
    let filled = false;
    return {
      fill: (page) => {
        if (filled) return Promise.resolve();
        filled = true;
        this.#arrived.set(slot, page === undefined ? [] : 'file' in page ? [page] : page);
        while (this.#arrived.has(this.#next)) {
          const ready = this.#arrived.get(this.#next)!;
          this.#arrived.delete(this.#next++);
          for (const one of ready) this.#send(one.file, one.bytes);
        }
        return this.#waitForRoom();
      },
    };
  }

  /**
   * Adds every HTML file under `outDir` not indexed yet (sorted by path) and waits until Pagefind
   * has indexed every page handed to it. Ends Pagefind's process if indexing failed.
   */
  async complete(outDir: string): Promise<void> {
    try {
      // A slot never filled (a render that threw) holds nothing back: the build fails anyway.
      for (const file of await htmlFiles(outDir)) {
        if (this.#files.has(file)) continue;
        this.#send(file, await readFile(path.join(outDir, file)));
      }
      await this.#sending;
      if (this.#inFlight > 0) await new Promise<void>((resolve) => this.#idle.push(resolve));
      if (this.#errors.length > 0) throw new Error(`Pagefind could not index the site: ${this.#errors.join('; ')}`);
      if (this.#files.size === 0) throw new Error('Pagefind indexed no pages.');
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /** Writes the index to `outputPath` (after `complete`) and ends Pagefind's process. Returns the number of pages indexed. */
  async write(outputPath: string): Promise<number> {
    try {
      const index = await this.#index;
      const written = await index.writeFiles({ outputPath });
      if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
      return this.#files.size;
    } finally {
      await this.close();
    }
  }

  /** Ends Pagefind's process (after write, or when the build failed). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const resolve of this.#room.splice(0)) resolve();
    await this.#sending.catch(() => undefined);
    await pagefind.close();
  }

  #send(file: string, bytes: Uint8Array): void {
    if (this.#closed || this.#files.has(file)) return;
    this.#files.add(file);
    this.#inFlight++;
    // Messages reach Pagefind in the order they are sent; each is sent once the index exists.
    this.#sending = this.#sending.then(async () => {
      let index: PagefindIndex;
      try {
        index = await this.#index;
      } catch (error) {
        this.#errors.push(error instanceof Error ? error.message : String(error));
        return this.#done();
      }
      // The path the file is written to: Pagefind makes the result's URL from it, as addDirectory does.
      index.addHTMLFile({ sourcePath: file, content: searchableHtml(bytes) }).then(
        (added) => {
          this.#errors.push(...added.errors);
          this.#done();
        },
        (error: unknown) => {
          this.#errors.push(error instanceof Error ? error.message : String(error));
          this.#done();
        },
      );
    });
  }

  #done(): void {
    this.#inFlight--;
    if (this.#inFlight < this.#maxInFlight) for (const resolve of this.#room.splice(0)) resolve();
    if (this.#inFlight === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }

  async #waitForRoom(): Promise<void> {
    while (!this.#closed && this.#inFlight >= this.#maxInFlight) await new Promise<void>((resolve) => this.#room.push(resolve));
  }
}

/**
 * The page as Pagefind reads it: its bytes, with a space after each term and description of a
 * definition list. Pagefind joins the text of elements it does not count as blocks (dt, dd), so
 * `<dt>Owner</dt><dd>alice</dd>` would be the one word "Owneralice" and neither word would
 * be found; the space changes nothing a browser shows (white space between them is not rendered).
 */
export function searchableHtml(bytes: Uint8Array): string {
  return decoder.decode(bytes).replace(/<\/(dt|dd)>/g, '</$1> ');
}

/** Every .html file under a folder, relative and with forward slashes, sorted. */
async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}
