// A worker thread of the PRD render pool (render-pool.ts): renders the PRDs it is sent.
import { parentPort } from 'node:worker_threads';
import { renderPrd } from './render-markdown.ts';
import type { RenderJob } from './render-pool.ts';

parentPort!.on('message', (jobs: RenderJob[]) => {
  parentPort!.postMessage(jobs.map((job) => ({ id: job.id, rendered: renderPrd(job.body, job.bodyLine) })));
});
