// The validated site data, computed once per process and set of options. The CLI build, the
// integration and the routes share it through globalThis, because Vite loads the routes in its
// own module graph. The integration names the options it runs with (useSiteOptions); the routes
// then ask for the site without knowing them.
import { redactText } from '../report/redact.ts';
import { report } from '../report/reporters.ts';
import { buildSiteData, prdRenderJobs, type SiteData } from '../site/site-data.ts';
import { renderPrds } from '../site/render-pool.ts';
import { buildCommit } from '../git/history.ts';
import { loadTimelines } from '../site/timelines.ts';
import type { ValidationResult } from '../core/validation-result.ts';
import { createGateCache, judgeContent, type GateCache, type GateOptions } from '../build-gate/index.ts';
import { timed } from '../core/timings.ts';

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

/** What changes the site data: the validation's options and the site's base path. */
export interface SiteOptions extends GateOptions {
  base: string;
  /** The site's name in every page's header and title (not part of the data: no cache key). */
  title?: string;
}

interface Shared {
  validations: Map<string, Promise<ValidationResult>>;
  sites: Map<string, Promise<SiteData>>;
  /** The options of the integration that runs in this process (astro:config:setup). */
  active?: SiteOptions;
  /** The dev server's: what one validation keeps for the next (src/build-gate/). */
  cache?: GateCache;
}

const key = Symbol.for('decision-packet.validated-site');
const shared = ((globalThis as Record<symbol, unknown>)[key] ??= { validations: new Map(), sites: new Map() }) as Shared;

const validationKey = (options: GateOptions) =>
  JSON.stringify([options.contentDir, options.today, options.requireVerifiedEvidence, options.strict]);
const siteKey = (options: SiteOptions) =>
  JSON.stringify([options.contentDir, options.today, options.requireVerifiedEvidence, options.strict, options.base]);

/** The integration's options: what the routes' getValidatedSite() and getActiveSiteOptions() use. */
export function useSiteOptions(options: SiteOptions): void {
  shared.active = options;
}

/** The options the integration runs with; an internal error before astro:config:setup named them. */
export function getActiveSiteOptions(): SiteOptions {
  if (!shared.active) throw new Error('Decision Packet: the site was asked for before the decisionPacket integration was set up.');
  return shared.active;
}

export function getValidation(options: GateOptions = getActiveSiteOptions()): Promise<ValidationResult> {
  const id = validationKey(options);
  let result = shared.validations.get(id);
  if (!result) {
    const cache = shared.cache;
    result = timed('validate', () => judgeContent(options, cache));
    shared.validations.set(id, result);
  }
  return result;
}

/** The site data; throws GateFailedError when the content is invalid. */
export async function getValidatedSite(options: SiteOptions = getActiveSiteOptions()): Promise<SiteData> {
  const result = await getValidation(options);
  if (!result.ok) throw new GateFailedError(result);
  const id = siteKey(options);
  let site = shared.sites.get(id);
  if (!site) {
    site = makeSite(result);
    shared.sites.set(id, site);
  }
  return site;
}

async function makeSite(result: ValidationResult): Promise<SiteData> {
  // The PRDs render (in slices) while git reads the timelines. "Built from" is the
  // commit of the content's repository, wherever the command runs.
  const [commit, timelines, prds] = await Promise.all([
    buildCommit(result.contentRoot),
    timed('timelines', () => loadTimelines(result.records, result.contentRoot)),
    timed('render PRDs', () => renderPrds(prdRenderJobs(result.records))),
  ]);
  return timed('site data', () => buildSiteData(result, commit, timelines, prds));
}

/** Revalidate incrementally from now on (the dev server: each edit touches a few files). */
export function keepValidationCache(): void {
  shared.cache ??= createGateCache();
}

/** Forget every cached result (dev server: the content changed). */
export function invalidateValidatedSite(): void {
  shared.validations.clear();
  shared.sites.clear();
}
