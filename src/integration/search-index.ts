// Pagefind search, built as part of the build and fed while Astro renders: each page's exact
// bytes go to Pagefind's own process as soon as the page is rendered (the wrapped prerenderer,
// scanning-prerenderer.ts), so by the end of Astro's render only the last part of the index is
// left to write. The pages are handed over in the order Astro started rendering them (a fixed
// order), whatever order they finish in: Pagefind numbers pages as they arrive, and the same
// content must give the same index byte for byte. After the render, any HTML file in the output
// that was not seen rendering (an adapter's prerenderer, a page Astro wrote itself) is added from
// the disk, sorted, so the index holds every page `addDirectory` would have read (see
// searchableHtml for the one difference: words a definition list runs together are kept apart).
//
// The index is written in shards of a fixed number of pages, each written (and its memory given
// back) as soon as it is full: Pagefind's process holds every word of every page it indexes until
// it writes, which at 50,000 pages is several gigabytes, and one write at the end is a long tail
// after the render. The first shard is the index the search client loads (with Pagefind's
// scripts); each further one is `shard-<n>/` inside it, holding only what a merged index reads, and
// `shards.json` lists them for the client to merge (search-client.ts). An indexing failure fails
// the build: a site whose search silently misses pages is not published.
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { timed } from '../core/timings.ts';

type PagefindIndex = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>['index']>;

export interface SearchIndexOptions {
  /** A folder the index owns (emptied first): the shards are written in it, and the whole index ends up at `index/` in it. */
  outputPath: string;
  /**
   * Bytes of pages at most handed to Pagefind and not yet indexed before a slot's fill waits
   * (back-pressure). Room for the pages that render while a shard is written: Pagefind's process
   * answers one message at a time, so pages sent meanwhile wait for the write.
   */
  maxPendingBytes?: number;
  /** Pages in each shard of the index. */
  pagesPerShard?: number;
  /** Called with each shard's folder once it is written (to scan its files); write() waits for it. */
  written?: (folder: string) => Promise<unknown>;
}

/** One page's place in the order the pages are indexed in. */
export interface PageSlot {
  /** The page's bytes and the path its file is written to (relative to the output folder), or the pages of a batch in order, or nothing: it is not indexed here. */
  fill(page?: { file: string; bytes: Uint8Array } | readonly { file: string; bytes: Uint8Array }[]): Promise<void>;
}

/** One part of the index: a Pagefind index of its own, written once it holds its pages. */
interface Shard {
  number: number;
  index: Promise<PagefindIndex>;
  pages: number;
  /** Each page's indexing, pending or done. */
  adds: Promise<void>[];
}

/** The manifest of the shards the search client merges into the first (search-client.ts reads it). */
const shardManifest = 'shards.json';
/** Where shard `n` (from 1) sits inside the index. */
const shardFolder = (n: number) => `shard-${n}/`;
/** A merged index reads its entry, its metadata and its chunks; Pagefind's scripts and styles come from the first shard. */
const mergedIndexReads = /^(?:pagefind-entry\.json|pagefind\.[^/]*\.pf_meta|index|fragment|filter)$/;

/**
 * Pages in one shard by default: a short last write after the render, and few shards for the
 * client to merge (21 at 10,000 packets, where Pagefind's process peaked at 1.4 GB instead of
 * 5.9 GB for one index).
 */
const defaultPagesPerShard = 2500;

const decoder = new TextDecoder();

export class SearchIndex {
  readonly #outputPath: string;
  readonly #maxPendingBytes: number;
  readonly #pagesPerShard: number;
  readonly #written: ((folder: string) => Promise<unknown>) | undefined;
  /** The output folder emptied; every shard write waits for it. */
  readonly #cleared: Promise<void>;
  /** What arrived out of order, by slot number, waiting for the slots before it. */
  readonly #arrived = new Map<number, readonly { file: string; bytes: Uint8Array }[]>();
  readonly #files = new Set<string>();
  readonly #errors: string[] = [];
  /** Each full shard's write (and its `written` call), in shard order. */
  readonly #writes: Promise<void>[] = [];
  #shard: Shard;
  #reserved = 0;
  #next = 0;
  #inFlight = 0;
  #pendingBytes = 0;
  #sending: Promise<void> = Promise.resolve();
  #room: (() => void)[] = [];
  #idle: (() => void)[] = [];
  #closed = false;

  constructor(options: SearchIndexOptions) {
    this.#outputPath = options.outputPath;
    this.#maxPendingBytes = options.maxPendingBytes ?? 16 * 1024 * 1024;
    this.#pagesPerShard = Math.max(1, options.pagesPerShard ?? defaultPagesPerShard);
    this.#written = options.written;
    this.#cleared = rm(this.#outputPath, { recursive: true, force: true });
    this.#cleared.catch(() => undefined);
    this.#shard = this.#newShard(0);
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

  /**
   * Writes the last shard (after `complete`), waits for every shard's write, puts the shards
   * together with their manifest and ends Pagefind's process. Returns the index's folder.
   */
  async write(): Promise<string> {
    try {
      this.#writes.push(this.#writeShard(this.#shard));
      await Promise.all(this.#writes);
      if (this.#errors.length > 0) throw new Error(`Pagefind could not write its index: ${this.#errors.join('; ')}`);
      const index = this.#folderOf(0);
      const shards = Array.from({ length: this.#shard.number }, (_, n) => shardFolder(n + 1));
      for (const [n, folder] of shards.entries()) await rename(this.#folderOf(n + 1), path.join(index, folder));
      await writeFile(path.join(index, shardManifest), `${JSON.stringify({ shards })}\n`);
      return index;
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
    await Promise.allSettled(this.#writes);
    await pagefind.close();
  }

  /** Where shard `n` is written: the first is the index itself once the others are moved in. */
  #folderOf(n: number): string {
    return path.join(this.#outputPath, n === 0 ? 'index' : shardFolder(n));
  }

  #newShard(number: number): Shard {
    const index = pagefind.createIndex({ forceLanguage: 'en', writePlayground: false }).then(({ index, errors }) => {
      if (!index || errors.length > 0) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
      return index;
    });
    // A failure to start is reported by write(); until then nothing waits on it unhandled.
    index.catch(() => undefined);
    return { number, index, pages: 0, adds: [] };
  }

  /** Writes a shard once each of its pages is indexed, gives its memory back, then hands its folder on. */
  async #writeShard(shard: Shard): Promise<void> {
    try {
      const index = await shard.index;
      await Promise.all(shard.adds);
      await this.#cleared;
      const folder = this.#folderOf(shard.number);
      const written = await timed(`pagefind write shard ${shard.number}`, () => index.writeFiles({ outputPath: folder }));
      this.#errors.push(...written.errors);
      await index.deleteIndex();
      if (shard.number > 0) await keepMergedIndexReads(folder);
      if (written.errors.length === 0) await this.#written?.(folder);
    } catch (error) {
      this.#errors.push(error instanceof Error ? error.message : String(error));
    }
  }

  #send(file: string, bytes: Uint8Array): void {
    if (this.#closed || this.#files.has(file)) return;
    this.#files.add(file);
    this.#inFlight++;
    this.#pendingBytes += bytes.byteLength;
    if (this.#shard.pages === this.#pagesPerShard) {
      // The full shard is written once every page sent to it is indexed; the next one fills meanwhile.
      const full = this.#shard;
      this.#writes.push(this.#sending.then(() => this.#writeShard(full)));
      this.#shard = this.#newShard(full.number + 1);
    }
    const shard = this.#shard;
    shard.pages++;
    // Messages reach Pagefind in the order they are sent; each is sent once its shard's index exists.
    this.#sending = this.#sending.then(async () => {
      let index: PagefindIndex;
      try {
        index = await shard.index;
      } catch (error) {
        this.#errors.push(error instanceof Error ? error.message : String(error));
        this.#done(bytes.byteLength);
        return;
      }
      // The path the file is written to: Pagefind makes the result's URL from it, as addDirectory does.
      shard.adds.push(
        index.addHTMLFile({ sourcePath: file, content: searchableHtml(bytes) }).then(
          (added) => {
            this.#errors.push(...added.errors);
            this.#done(bytes.byteLength);
          },
          (error: unknown) => {
            this.#errors.push(error instanceof Error ? error.message : String(error));
            this.#done(bytes.byteLength);
          },
        ),
      );
    });
  }

  #done(byteLength: number): void {
    this.#inFlight--;
    this.#pendingBytes -= byteLength;
    if (this.#pendingBytes < this.#maxPendingBytes) for (const resolve of this.#room.splice(0)) resolve();
    if (this.#inFlight === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }

  async #waitForRoom(): Promise<void> {
    while (!this.#closed && this.#pendingBytes >= this.#maxPendingBytes) await new Promise<void>((resolve) => this.#room.push(resolve));
  }
}

/** Removes from a shard what only the first shard's copy is read of (Pagefind's scripts, styles and WebAssembly). */
async function keepMergedIndexReads(folder: string): Promise<void> {
  for (const entry of await readdir(folder)) {
    if (!mergedIndexReads.test(entry)) await rm(path.join(folder, entry), { recursive: true, force: true });
  }
}

/**
 * The page as Pagefind reads it: its bytes, with a space after each term and description of a
 * definition list. Pagefind joins the text of elements it does not count as blocks (dt, dd), so
 * `<dt>Owner</dt><dd>alice</dd>` would be the one word "Owneralice" and neither word would
 * be found; the space changes nothing a browser shows (white space between them is not rendered).
 * A page whose one `data-pagefind-body` is its one `<main>` (every page of ours) is handed over
 * as that element, its `<html>` tag and its title only: Pagefind indexes nothing else of it, and
 * parsing the header, scripts and styles of every page was a sixth of its time.
 */
export function searchableHtml(bytes: Uint8Array): string {
  const html = decoder.decode(bytes);
  return (indexedPart(html) ?? html).replace(/<\/(dt|dd)>/g, '</$1> ');
}

/** The `<html>` tag, the title and the `<main>` of a page whose only `data-pagefind-body` is its only `<main>`; else undefined. */
function indexedPart(html: string): string | undefined {
  const marker = html.indexOf('data-pagefind-body');
  if (marker < 0 || html.indexOf('data-pagefind-body', marker + 1) >= 0) return undefined;
  const main = html.lastIndexOf('<main', marker);
  const end = html.indexOf('</main>');
  if (main < 0 || end < marker || html.indexOf('<main', main + 1) >= 0 || html.indexOf('</main>', end + 1) >= 0) return undefined;
  // The marker must be an attribute of that <main> tag itself.
  if (html.indexOf('>', main) < marker) return undefined;
  const htmlTag = /^<!doctype html>\s*(<html\b[^>]*>)/i.exec(html)?.[1];
  const title = /<title>[^<]*<\/title>/.exec(html.slice(0, main))?.[0];
  if (htmlTag === undefined || title === undefined) return undefined;
  return `<!DOCTYPE html>${htmlTag}<head>${title}</head><body>${html.slice(main, end + '</main>'.length)}</body></html>`;
}

/** Every .html file under a folder, relative and with forward slashes, sorted. */
async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}
