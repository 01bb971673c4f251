// Renders the PRDs of a build on this thread, a slice at a time. Since Sätteri parses them (about
// 1 ms a PRD), worker threads no longer pay for themselves: measured at 1,000 PRDs the "render
// PRDs" phase took as long on two workers as here (and more CPU), and at 10,000 twice as long
// (the copies in and out cost what the rendering saves). Between slices the event loop turns, so
// the timelines' git reads running beside this keep going. The result is exactly renderPrd's.
import { renderPrd, type RenderedPrd } from './prd-html.ts';

export interface RenderJob {
  id: string;
  body: string;
  bodyLine: number;
}

/** PRDs rendered between two turns of the event loop. */
const SLICE = 64;

/** Renders each PRD once, by id. */
export async function renderPrds(jobs: readonly RenderJob[]): Promise<Map<string, RenderedPrd>> {
  const results = new Map<string, RenderedPrd>();
  for (const [index, job] of jobs.entries()) {
    results.set(job.id, renderPrd(job.body, job.bodyLine));
    if ((index + 1) % SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return results;
}
