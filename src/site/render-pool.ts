// Renders many PRDs on every core. Markdown rendering (remark → rehype-sanitize) is the largest
// piece of the site data: about 6 ms a PRD, a minute at 10,000 packets on one core, while Astro
// waits for the content loaders and the other core is idle. The result is exactly renderPrd's.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { renderPrd, type RenderedPrd } from './render-markdown.ts';

export interface RenderJob {
  id: string;
  body: string;
  bodyLine: number;
}

/** Below this many PRDs, starting workers (each loads and warms up the pipeline) costs more than it saves. */
const MIN_JOBS_FOR_WORKERS = 400;
/** PRDs handed to a worker at a time. */
const BATCH = 32;

export interface RenderPoolOptions {
  /** Worker threads to use; default: the available cores, at most 4. 0 or 1 renders here. */
  threads?: number;
  /** Told how many PRDs the workers rendered (the rest were rendered on this thread). */
  onDone?: (summary: { threads: number; onWorkers: number }) => void;
}

/** Renders each PRD once; a worker that fails leaves its PRDs to this thread, so it never fails differently from renderPrd. */
export async function renderPrds(jobs: readonly RenderJob[], options: RenderPoolOptions = {}): Promise<Map<string, RenderedPrd>> {
  const results = new Map<string, RenderedPrd>();
  const threads = Math.min(options.threads ?? Math.min(availableParallelism(), 4), Math.ceil(jobs.length / BATCH));
  if (threads <= 1 || (options.threads === undefined && jobs.length < MIN_JOBS_FOR_WORKERS)) {
    for (const job of jobs) results.set(job.id, renderPrd(job.body, job.bodyLine));
    options.onDone?.({ threads: 0, onWorkers: 0 });
    return results;
  }
  const batches: RenderJob[][] = [];
  for (let start = 0; start < jobs.length; start += BATCH) batches.push(jobs.slice(start, start + BATCH));
  // render-worker.ts beside this file in the sources, render-worker.js in the compiled package.
  const thisFile = fileURLToPath(import.meta.url);
  const workerFile = path.join(path.dirname(thisFile), `render-worker${path.extname(thisFile)}`);

  const runWorker = () =>
    new Promise<void>((resolve) => {
      let worker: Worker;
      try {
        worker = new Worker(workerFile);
      } catch {
        resolve();
        return;
      }
      let current: RenderJob[] | undefined;
      const next = () => {
        current = batches.shift();
        if (current) worker.postMessage(current);
        else void worker.terminate();
      };
      worker.on('message', (rendered: { id: string; rendered: RenderedPrd }[]) => {
        for (const item of rendered) results.set(item.id, item.rendered);
        next();
      });
      // An error ends the worker ('exit' follows): its batch goes back to the queue.
      worker.on('error', () => {});
      worker.on('exit', () => {
        if (current) batches.unshift(current);
        current = undefined;
        resolve();
      });
      next();
    });

  await Promise.all(Array.from({ length: threads }, runWorker));
  options.onDone?.({ threads, onWorkers: results.size });
  // Leftovers of a failed worker (or a worker that could not start): rendered here.
  for (const job of jobs) if (!results.has(job.id)) results.set(job.id, renderPrd(job.body, job.bodyLine));
  return results;
}
