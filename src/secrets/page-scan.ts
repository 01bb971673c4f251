// The output secret scan, moved forward: each page is scanned as Astro renders it, on worker
// threads (one per core, at most two), while the next pages render. Astro writes the very bytes it was handed, so after the
// build `scanOutputForSecrets(dir, secrets, { known })` needs to scan only files whose bytes it
// has no verdict for (Pagefind's index, assets, anything changed since): the same issues as a
// scan of every file after the build, in a fraction of the time after it.
//
// Back-pressure: at most `maxPendingBytes` of pages wait for the worker; a page beyond that waits
// to be handed over (and so Astro's rendering waits), so memory stays bounded however large the site.
// A worker that cannot start or fails only loses verdicts: those pages are scanned after the build.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { contentHash, type Verdict } from './scan-output.ts';

export interface ScanBatch {
  id: number;
  items: { hash: string; bytes: Uint8Array }[];
}

export type ScanAnswer = { id: number; verdicts: { hash: string; verdict: Verdict }[] } | { id: number; failed: true };

export interface PageScanOptions {
  /** Bytes handed to the worker at a time. */
  batchBytes?: number;
  /** Bytes at most waiting for the worker (handed over or batching) before `submit` waits. */
  maxPendingBytes?: number;
}

export class PageScan {
  readonly #verdicts = new Map<string, Verdict>();
  readonly #seen = new Set<string>();
  readonly #sent = new Map<number, number>();
  readonly #batchBytes: number;
  readonly #maxPendingBytes: number;
  /** One worker per core, at most two: Astro renders on this thread meanwhile. */
  #workers: Worker[] = [];
  #batch: ScanBatch['items'] = [];
  #batchSize = 0;
  #pendingBytes = 0;
  #nextId = 0;
  #waiting: (() => void)[] = [];
  #drained: (() => void)[] = [];

  constructor(secrets: readonly string[], options: PageScanOptions = {}) {
    this.#maxPendingBytes = options.maxPendingBytes ?? 8 * 1024 * 1024;
    // A batch smaller than the bound, so that a full bound always has a batch out to wait for.
    this.#batchBytes = Math.min(options.batchBytes ?? 256 * 1024, Math.floor(this.#maxPendingBytes / 2));
    // scan-worker.ts beside this file in the sources, scan-worker.js in the compiled package.
    const thisFile = fileURLToPath(import.meta.url);
    const workerFile = path.join(path.dirname(thisFile), `scan-worker${path.extname(thisFile)}`);
    for (let index = 0; index < Math.min(2, availableParallelism()); index += 1) {
      try {
        this.#workers.push(new Worker(workerFile, { workerData: { secrets: [...secrets] } }));
      } catch {
        break;
      }
    }
    for (const worker of this.#workers) this.#listen(worker);
  }

  #listen(worker: Worker): void {
    // Never keeps the process alive (a build that fails before the end leaves it behind).
    worker.unref();
    worker.on('message', (answer: ScanAnswer) => {
      if (!('failed' in answer)) for (const { hash, verdict } of answer.verdicts) this.#verdicts.set(hash, verdict);
      this.#pendingBytes -= this.#sent.get(answer.id) ?? 0;
      this.#sent.delete(answer.id);
      if (this.#pendingBytes <= this.#maxPendingBytes) for (const resolve of this.#waiting.splice(0)) resolve();
      if (this.#sent.size === 0) for (const resolve of this.#drained.splice(0)) resolve();
    });
    // An error ends a worker ('exit' follows): the scan stops, and what was not answered is
    // scanned after the build.
    worker.on('error', () => {});
    worker.on('exit', () => {
      this.#stop();
    });
  }

  /** Bytes handed over (or batching) that have no verdict yet. */
  get pendingBytes(): number {
    return this.#pendingBytes;
  }

  /** Hands the bytes of one written file to the worker; resolves when there is room for more. */
  async submit(bytes: Uint8Array): Promise<void> {
    if (this.#workers.length === 0) return;
    const hash = contentHash(bytes);
    if (this.#seen.has(hash)) return;
    this.#seen.add(hash);
    this.#batch.push({ hash, bytes });
    this.#batchSize += bytes.byteLength;
    this.#pendingBytes += bytes.byteLength;
    if (this.#batchSize >= this.#batchBytes) this.#send();
    while (this.#workers.length > 0 && this.#pendingBytes > this.#maxPendingBytes)
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  /** Waits for every verdict and ends the worker: the verdicts by hash, for `scanOutputForSecrets`' `known`. */
  async finish(): Promise<ReadonlyMap<string, Verdict>> {
    this.#send();
    if (this.#workers.length > 0 && this.#sent.size > 0) await new Promise<void>((resolve) => this.#drained.push(resolve));
    this.close();
    return this.#verdicts;
  }

  /** Ends the worker now (the build failed): nothing more is scanned here. */
  close(): void {
    const workers = this.#workers;
    this.#stop();
    for (const worker of workers) void worker.terminate();
  }

  #send(): void {
    if (this.#workers.length === 0 || this.#batch.length === 0) return;
    const batch: ScanBatch = { id: this.#nextId++, items: this.#batch };
    this.#sent.set(batch.id, this.#batchSize);
    this.#batch = [];
    this.#batchSize = 0;
    // In turn: batches are of about the same size.
    this.#workers[batch.id % this.#workers.length]!.postMessage(batch);
  }

  #stop(): void {
    this.#workers = [];
    for (const resolve of [...this.#waiting.splice(0), ...this.#drained.splice(0)]) resolve();
  }
}
