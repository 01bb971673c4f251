// The options of `decisionPacket({ … })` and their defaults. The environment variables the README
// documents are read here, once, as defaults; below this point every option travels as a value.
import path from 'node:path';
import { resolveToday, UsageError } from '../core/build-date.ts';
import type { PageSectionId } from '../schemas/kind.ts';
import { isCalendarDate } from '../schemas/shared.ts';
import { resolveContentDir } from '../core/content-dir.ts';
import type { SiteOptions } from './validated-site.ts';

export interface DecisionPacketOptions {
  /** The content folder, relative to the Astro project's root; default PACKET_CONTENT_DIR (from the working directory), else ./content. */
  content?: string;
  /** Refuse evidence that no local clone could verify (DP506); default PACKET_REQUIRE_VERIFIED_EVIDENCE=1. */
  requireVerifiedEvidence?: boolean;
  /** Warnings (e.g. DP309) fail the build too; default PACKET_STRICT=1. */
  strict?: boolean;
  /** The date review triggers are judged against, YYYY-MM-DD; default PACKET_TODAY, else SOURCE_DATE_EPOCH, else today (UTC). */
  today?: string;
  /** Pages in each shard of the search index; default PACKET_SEARCH_SHARD_PAGES, else Pagefind's own. */
  searchShardPages?: number;
  /** Pages rendered at once when the project did not set build.concurrency; default PACKET_RENDER_CONCURRENCY, else 4. */
  renderConcurrency?: number;
  /** The site's name in every page's header and title; default PACKET_SITE_TITLE, else "Decision Packet". */
  title?: string;
  /** The path every page, file and script lives under (`decisions` → /decisions/…); default none: the site's root. */
  prefix?: string;
  /** A team's own .astro component in place of a packet page section, by section id, relative to the site's root. */
  components?: Partial<Record<PageSectionId, string>>;
}

export interface ResolvedPacketOptions extends SiteOptions {
  searchShardPages?: number;
  renderConcurrency: number;
  /** '' (the site's root) or the prefix's segments with a trailing slash: `decisions/`. */
  prefix: string;
}

/** One path segment of a prefix: what needs no escaping in a URL or a folder name. */
const prefixSegment = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `/decisions/`, `decisions` → `decisions/`; none or `/` → ''. Anything else is a usage error. */
export function resolvePrefix(prefix: string | undefined): string {
  if (prefix === undefined) return '';
  const segments = prefix.replace(/^\/+|\/+$/g, '').split('/');
  if (segments.length === 1 && segments[0] === '') return '';
  if (!segments.every((segment) => prefixSegment.test(segment)))
    throw new UsageError(
      'The prefix option must be a path such as "decisions" or "docs/decisions": letters, digits, ".", "_" and "-" between slashes.',
    );
  return `${segments.join('/')}/`;
}

const defaultSiteTitle = 'Decision Packet';
/** One line, not blank, at most 80 characters. */
const siteTitle = /^(?=.*\S)[^\r\n]{1,80}$/u;

/** Pages Astro renders at once by default (see astro:config:setup). */
const defaultRenderConcurrency = 4;

/** Every option with its default; `root` is the Astro project's root, `base` its base path. */
export function resolvePacketOptions(
  options: DecisionPacketOptions,
  root: string,
  base: string,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedPacketOptions {
  if (options.today !== undefined && !isCalendarDate(options.today))
    throw new UsageError('The today option must be a date written YYYY-MM-DD.');
  const title = options.title ?? env.PACKET_SITE_TITLE ?? defaultSiteTitle;
  if (!siteTitle.test(title)) throw new UsageError('The site title must be one line of 1 to 80 characters.');
  return {
    contentDir: options.content !== undefined ? path.resolve(root, options.content) : resolveContentDir({ env }),
    today: options.today ?? resolveToday(env),
    requireVerifiedEvidence: options.requireVerifiedEvidence ?? env.PACKET_REQUIRE_VERIFIED_EVIDENCE === '1',
    strict: options.strict ?? env.PACKET_STRICT === '1',
    base: base.replace(/\/?$/, '/'),
    searchShardPages: options.searchShardPages ?? (Number(env.PACKET_SEARCH_SHARD_PAGES) || undefined),
    renderConcurrency: options.renderConcurrency ?? (Number(env.PACKET_RENDER_CONCURRENCY) || defaultRenderConcurrency),
    title,
    prefix: resolvePrefix(options.prefix),
  };
}
