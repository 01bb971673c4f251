// The validated site data, computed once per process and content folder. The CLI build, the
// integration and the routes share it through globalThis, because Vite loads the routes in its
// own module graph.
import { redactText } from '../report/redact.ts';
import { report } from '../report/reporters.ts';
import { buildSiteData, prdRenderJobs, type SiteData } from '../site/site-data.ts';
import { renderPrds } from '../site/render-pool.ts';
import { buildCommit } from '../git/history.ts';
import { loadTimelines } from '../site/timelines.ts';
import { resolveContentDir, validate, type ValidationResult } from '../validate/validate.ts';
import { timed } from '../validate/timings.ts';

/** Thrown when the content breaks a rule: the message lists every violation, secrets masked. */
export class GateFailedError extends Error {
  readonly result: ValidationResult;
  constructor(result: ValidationResult) {
    // Astro prints this message itself, outside our output boundary: masked here.
    const text = `Decision Packet: the content breaks ${result.issues.length} rule${result.issues.length === 1 ? '' : 's'}; nothing was published.\n\n${report(result.issues, 'pretty')}`;
    super(redactText(text, result.secrets));
    this.name = 'GateFailedError';
    this.result = result;
  }
}

interface Cached {
  result: Promise<ValidationResult>;
  site?: Promise<SiteData>;
}

const key = Symbol.for('decision-packet.validated-site');
const cache: Map<string, Cached> = ((globalThis as Record<symbol, unknown>)[key] ??= new Map()) as Map<string, Cached>;

export function getValidation(options: { requireVerifiedEvidence?: boolean } = {}): Promise<ValidationResult> {
  const dir = resolveContentDir();
  let entry = cache.get(dir);
  if (!entry) {
    entry = { result: timed('validate', () => validate({ contentDir: dir, requireVerifiedEvidence: options.requireVerifiedEvidence })) };
    cache.set(dir, entry);
  }
  return entry.result;
}

/** The site data; throws GateFailedError when the content is invalid. */
export async function getValidatedSite(): Promise<SiteData> {
  const result = await getValidation();
  if (!result.ok) throw new GateFailedError(result);
  const entry = cache.get(resolveContentDir())!;
  entry.site ??= (async () => {
    // The PRDs render (in slices) while git reads the timelines. "Built from" is the
    // commit of the content's repository, wherever the command runs.
    const [commit, timelines, prds] = await Promise.all([
      buildCommit(result.contentRoot),
      timed('timelines', () => loadTimelines(result.records, result.contentRoot)),
      timed('render PRDs', () => renderPrds(prdRenderJobs(result.records))),
    ]);
    return timed('site data', () => buildSiteData(result, commit, timelines, prds));
  })();
  return entry.site;
}

/** Forget the cached result (dev server: the content changed). */
export function invalidateValidatedSite(): void {
  cache.delete(resolveContentDir());
}
