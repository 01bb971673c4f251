// The Astro integration `decisionPacket({ content })`: injects the packet routes (src/routes/, so
// they work from the installed package, standalone or inside a team's own Astro site), validates
// before anything renders (so `astro build` run directly is gated too), scans each page for
// secrets as it renders (on a worker) and hands it to Pagefind's index as it renders, then after
// the build writes the machine-readable files and the index and checks every written file
// (scanning any not scanned so).
// Any failure removes the output folder Astro was given (under `decision-packet build`, the build's
// own staging folder) and fails the build; a build that passed marks the output as its own.
// Before anything is written (or served, by `astro preview`), the output folder is checked:
// output-folder.ts refuses a folder the build did not make.
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mdx from '@astrojs/mdx';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AstroConfig, AstroIntegration, HookParameters } from 'astro';
import type { ValidationResult } from '../core/validation-result.ts';
import { getValidatedSite, getValidation, GateFailedError, useSiteOptions } from './validated-site.ts';
import { resolvePacketOptions, type DecisionPacketOptions, type ResolvedPacketOptions } from './packet-options.ts';
import { SearchIndex } from './search-index.ts';
import { scanOutput, startPageScan, type PageScanner, type ScannedBytes } from '../build-gate/index.ts';
import { report } from '../report/reporters.ts';
import { sortIssues } from '../core/issue.ts';
import { mark, timed } from '../core/timings.ts';
import { resolveSectionComponents, sectionComponentsPlugin } from './section-components.ts';
import { enterDevMode, isDevMode, printValidation, setupDevServer } from './dev-server.ts';
import { machineReadableFiles, type SiteFile } from '../site/machine-readable.ts';
import { scanningPrerenderer } from './scanning-prerenderer.ts';
import type { batchPrerenderer as BatchPrerenderer } from './batch-prerenderer.ts';
import { setItemBatching } from './item-batching.ts';
import { checkOutputFolder, OutputFolderError, writeBuildMarker } from './output-folder.ts';
import { gitTopLevel } from '../git/repository-root.ts';
import { setSitePrefix } from '../site/urls.ts';

export class PublishFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublishFailedError';
  }
}

export type { DecisionPacketOptions } from './packet-options.ts';

/** The package's own folder: this file is src/integration/*.ts, or lib/integration/*.js once compiled. */
const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
const routesDir = path.join(packageRoot, 'src', 'routes');
/** Routes a host site needs and the standalone site has in its public/ folder (theme.js, favicon.svg). */
const hostRoutesDir = path.join(packageRoot, 'src', 'host-routes');
const publicDir = path.join(packageRoot, 'public');
/**
 * Inside a host's Starlight site, these files of ours stand in for the standalone site's (same
 * props): the host's StarlightPage lays the page out, and it shows the page's title and its table
 * of contents itself, so ours render nothing there.
 */
const starlightStandIns = new Map(
  [
    ['layouts/Base.astro', 'layouts/StarlightBase.astro'],
    ['layouts/Guide.astro', 'layouts/StarlightGuide.astro'],
    ['components/PageTitle.astro', 'layouts/HostOwned.astro'],
    ['components/packet/OnThisPage.astro', 'layouts/HostOwned.astro'],
  ].map(([own, standIn]) => [path.join(packageRoot, 'src', own!), path.join(packageRoot, 'src', standIn!)]),
);

/** How a host site takes the packet pages in (the Starlight plugin's choice; the plain integration's defaults). */
export interface HostOptions {
  /** 'starlight': the pages are laid out by the host's StarlightPage (src/layouts/StarlightBase.astro). */
  layout?: 'starlight';
  /** Our own search page and Pagefind index; false when the host's search indexes the pages. */
  search?: boolean;
}

/**
 * Each route file and its pattern, by Astro's file-routing rules (`a/index.astro` → `/a`,
 * `x.json.ts` → `/x.json`). MDX pages are not routes of their own: `[...guide].astro` renders them.
 */
export function packetRoutes(dir = routesDir): { pattern: string; entrypoint: string }[] {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter(
    (entry) => entry.isFile() && /\.(?:astro|ts)$/.test(entry.name),
  );
  return files
    .map((entry) => {
      const relative = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      const pattern = `/${relative.replace(/\.(?:astro|ts)$/, '')}`.replace(/\/?index$/, '') || '/';
      return { pattern, entrypoint: path.join(dir, relative) };
    })
    .sort((a, b) => (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0));
}

/**
 * The routes this site injects: every one under the prefix. No `/404` under a prefix (the host
 * site's own answers), and at the root none that the host's src/pages/ already has (`/`, `/404`).
 */
export function injectedRoutes(
  prefix: string,
  { host, search, hostPages }: { host: boolean; search: boolean; hostPages: ReadonlySet<string> },
): { pattern: string; entrypoint: string }[] {
  const routes = [...packetRoutes(), ...(host ? packetRoutes(hostRoutesDir) : [])];
  return routes
    .filter((route) => (search || route.pattern !== '/search') && !(prefix !== '' && route.pattern === '/404'))
    .map((route) => ({ ...route, pattern: `/${prefix}${route.pattern.slice(1)}`.replace(/(.)\/$/, '$1') }))
    .filter((route) => !hostPages.has(route.pattern));
}

/** `/` and `/404` when the project's src/pages/ has them (index.astro, 404.md, …). */
function ownPages(srcDir: string): Set<string> {
  const pagesDir = path.join(srcDir, 'pages');
  const has = (name: string) => ['astro', 'md', 'mdx', 'html', 'js', 'ts'].some((ext) => existsSync(path.join(pagesDir, `${name}.${ext}`)));
  return new Set([...(has('index') ? ['/'] : []), ...(has('404') ? ['/404'] : [])]);
}

/** Lays every packet page out with the host's Starlight layout: each stand-in replaces its file. */
export function starlightLayoutPlugin() {
  return {
    name: 'decision-packet:starlight-layout',
    enforce: 'pre' as const,
    resolveId(source: string, importer: string | undefined) {
      if (!importer || !source.endsWith('.astro')) return null;
      return starlightStandIns.get(path.resolve(path.dirname(importer.split('?')[0]!), source)) ?? null;
    },
  };
}

export function decisionPacket(options: DecisionPacketOptions = {}): AstroIntegration {
  return packetIntegration(options, {});
}

/** What the hooks of one integration share, from astro:config:setup to astro:build:done. */
interface IntegrationState {
  readonly options: DecisionPacketOptions;
  readonly host: HostOptions;
  readonly searchEnabled: boolean;
  /** Every option with its default, resolved once the project's root and base are known (astro:config:setup). */
  resolved?: ResolvedPacketOptions;
  /** The packets' root: the base path and the prefix (`/`, `/docs/decisions/`). */
  siteBase: string;
  building: boolean;
  previewing: boolean;
  /** The secret scan of the pages as they render (from astro:build:start to astro:build:done). */
  pageScan?: PageScanner;
  /** Where the build writes the item pages of a batch, when it does (astro:config:done). */
  batchOutDir?: string;
  /**
   * The batches' prerenderer, loaded only when the build batches: it uses Astro's private
   * renderer helpers (src/site/item-pages.ts), which a host site's build (Starlight) never loads.
   */
  batchPrerenderer?: typeof BatchPrerenderer;
  /** The search index, fed as pages render (from astro:config:done to astro:build:done). */
  searchIndex?: SearchIndex;
  /** The secret scan of the index's files, started when its first shard is written. */
  indexScan?: PageScanner;
  buildFormat: AstroConfig['build']['format'];
}

function settings(state: IntegrationState): ResolvedPacketOptions {
  if (!state.resolved) throw new Error('Decision Packet: the integration was used before astro:config:setup.');
  return state.resolved;
}

/** The packets' folder in the output: the output folder itself, or its prefix folder. */
const siteDir = (state: IntegrationState, outDir: string) => path.join(outDir, settings(state).prefix);

/** A search index written beside the output, each shard's files scanned as soon as they are written. */
function newSearchIndex(state: IntegrationState, outDir: string, secrets: readonly string[]): SearchIndex {
  return new SearchIndex({
    outputPath: indexStaging(outDir),
    pagesPerShard: settings(state).searchShardPages,
    written: (folder) => submitFiles(folder, (state.indexScan ??= startPageScan(secrets))),
  });
}

export function packetIntegration(options: DecisionPacketOptions, host: HostOptions): AstroIntegration {
  const state: IntegrationState = {
    options,
    host,
    searchEnabled: host.search !== false,
    siteBase: '/',
    building: false,
    previewing: false,
    buildFormat: 'directory',
  };
  return {
    name: 'decision-packet',
    hooks: {
      'astro:config:setup': (params) => {
        setUp(state, params);
      },
      'astro:config:done': (params) => configDone(state, params),
      'astro:server:setup': ({ server, logger }) => {
        // Dev server: the machine-readable files are served from the same builders the build writes them with.
        server.middlewares.use(machineReadableMiddleware(state));
        setupDevServer(server, logger, settings(state));
      },
      'astro:build:start': ({ setPrerenderer }) => {
        buildStart(state, setPrerenderer);
      },
      'astro:build:done': ({ dir }) => buildDone(state, fileURLToPath(dir)),
    },
  };
}

/** astro:config:setup: resolves the options, injects the routes, brings MDX and sets the render concurrency. */
function setUp(state: IntegrationState, params: HookParameters<'astro:config:setup'>): void {
  const { command, config, updateConfig, injectRoute } = params;
  if (command === 'dev') enterDevMode();
  state.building = command === 'build';
  state.previewing = command === 'preview';
  const base = config.base.replace(/\/?$/, '/');
  const resolved = (state.resolved = resolvePacketOptions(state.options, fileURLToPath(config.root), base));
  state.siteBase = `${base}${resolved.prefix}`;
  // The routes, loaded by Vite, ask for the site data without options: they get these.
  useSiteOptions(resolved);
  setSitePrefix(resolved.prefix);
  // A host site: its public/ folder is not ours, so the theme script and icon are routes too.
  const isHost = path.resolve(fileURLToPath(config.publicDir)) !== path.resolve(publicDir);
  const hostPages = isHost ? ownPages(fileURLToPath(config.srcDir)) : new Set<string>();
  for (const route of injectedRoutes(resolved.prefix, { host: isHost, search: state.searchEnabled, hostPages }))
    injectRoute({ ...route, prerender: true });
  const components = resolveSectionComponents(state.options.components, fileURLToPath(config.root));
  updateConfig({ vite: { plugins: [sectionComponentsPlugin(components)] } });
  if (state.host.layout === 'starlight') updateConfig({ vite: { plugins: [starlightLayoutPlugin()] } });
  // The guides and the rules page are MDX: bring the MDX integration unless the site has it.
  if (!config.integrations.some((integration) => integration.name === '@astrojs/mdx'))
    updateConfig({ integrations: [mdx({ syntaxHighlight: false })] });
  // Pages are rendered a few at a time, so one page's file is written while the next
  // renders (one at a time, the build waits on the disk a third of the time). Only when
  // the project did not set build.concurrency itself.
  const concurrency = resolved.renderConcurrency;
  if (config.build.concurrency === 1 && concurrency > 1) updateConfig({ build: { concurrency } });
}

/** astro:config:done: refuses a foreign output folder, validates, starts the watchers, fails on invalid content. */
async function configDone(state: IntegrationState, params: HookParameters<'astro:config:done'>): Promise<void> {
  const { config, logger } = params;
  mark('astro:config:done');
  // Astro empties the output folder as its build starts, and preview serves every file in it.
  if (state.building || state.previewing) await guardOutputFolder(state, fileURLToPath(config.outDir));
  const result = await getValidation(settings(state));
  await startWatchers(state, config, result);
  // The dev server starts anyway and shows the violations instead of the pages (dev-server.ts).
  if (!result.ok && isDevMode()) {
    printValidation(result, logger);
    return;
  }
  if (!result.ok) throw new GateFailedError(result);
  // The site data is made here, in the integration's module graph (plain Node: the render
  // pool's workers can start); the routes, loaded by Vite, find it cached.
  await getValidatedSite(settings(state));
}

async function guardOutputFolder(state: IntegrationState, outDir: string): Promise<void> {
  const repoRoot = await gitTopLevel(process.cwd());
  const guard = { contentDir: settings(state).contentDir, repoRoot, requireMarker: state.previewing };
  try {
    checkOutputFolder(outDir, guard);
  } catch (error) {
    // A refused folder is a usage error (exit 2), but Astro's CLI exits 1 on any error:
    // the status is set as the process exits, after Astro's own process.exit(1).
    if (error instanceof OutputFolderError) process.once('exit', () => void (process.exitCode = 2));
    throw error;
  }
}

/** Starts what watches the pages as they render: the page scan, the batches' writer, Pagefind. */
async function startWatchers(state: IntegrationState, config: AstroConfig, result: ValidationResult): Promise<void> {
  const { building } = state;
  // The page scan's worker starts now, so its scanner is loaded and warm by the time the
  // first page renders (Astro bundles first). Not under an adapter: an adapter may bring a
  // prerenderer of its own, which the page scan's would replace; its pages are then all
  // scanned after the build, as any file not scanned as it rendered is.
  state.pageScan?.close();
  state.pageScan = building && result.ok && config.adapter === undefined ? startPageScan(result.secrets) : undefined;
  // The item pages are written in batches by the prerenderer below, which knows only the
  // folder-per-page layout; an adapter's prerenderer would replace it (src/site/item-pages.ts).
  // The host's layout (Starlight) is not a shell whose slots the batches can fill: one page per route.
  state.batchOutDir =
    building && config.adapter === undefined && config.build.format === 'directory' && state.host.layout === undefined
      ? siteDir(state, fileURLToPath(config.outDir))
      : undefined;
  state.batchPrerenderer = state.batchOutDir === undefined ? undefined : (await import('./batch-prerenderer.ts')).batchPrerenderer;
  // Pagefind's process starts now too, so it is ready for the first rendered page.
  void state.searchIndex?.close();
  state.indexScan?.close();
  state.indexScan = undefined;
  const indexing = building && result.ok && state.searchEnabled;
  state.searchIndex = indexing ? newSearchIndex(state, fileURLToPath(config.outDir), result.secrets) : undefined;
  state.buildFormat = config.build.format;
}

/** The dev server's answer for packets.json, governing.json, llms*.txt and each decision.json and badge.svg. */
function machineReadableMiddleware(state: IntegrationState) {
  return (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (!pathname.startsWith(state.siteBase)) {
      next();
      return;
    }
    const wanted = pathname.slice(state.siteBase.length);
    if (!/(?:^packets\.json|^governing\.json|^llms(?:-full)?\.txt|\/decision\.json|\/badge\.svg)$/.test(wanted)) {
      next();
      return;
    }
    getValidatedSite(settings(state)).then(
      (site) => {
        const file = machineReadableFiles(site, state.siteBase).find((candidate) => candidate.path === wanted);
        if (!file) {
          next();
          return;
        }
        response.setHeader(
          'Content-Type',
          wanted.endsWith('.svg') ? 'image/svg+xml' : wanted.endsWith('.txt') ? 'text/plain; charset=utf-8' : 'application/json',
        );
        response.end(file.text);
      },
      (error: unknown) => {
        next(error);
      },
    );
  };
}

/** astro:build:start: wraps Astro's prerenderer so each page is scanned, indexed and, for item pages, batched. */
type SetPrerenderer = HookParameters<'astro:build:start'>['setPrerenderer'];

function buildStart(state: IntegrationState, setPrerenderer: SetPrerenderer): void {
  mark('astro:build:start');
  // Each page's bytes are scanned (a worker thread, bounded) and indexed (Pagefind's process,
  // bounded) as Astro renders them; a batch of item pages is written as its pages, each
  // scanned and indexed too.
  const scan = state.pageScan;
  const outDir = state.batchOutDir;
  const batchPrerenderer = state.batchPrerenderer;
  const watchers = { scan, search: state.searchIndex, base: state.siteBase, format: state.buildFormat };
  setItemBatching(outDir !== undefined);
  if (outDir !== undefined || scan) {
    setPrerenderer((defaultPrerenderer) => {
      // Astro asks for the prerenderer once it has bundled the site, before the first page.
      mark('astro:prerender');
      const batching =
        outDir === undefined || !batchPrerenderer ? defaultPrerenderer : batchPrerenderer(defaultPrerenderer, outDir, watchers);
      return scan ? scanningPrerenderer(batching, watchers) : batching;
    });
  }
}

/** The index being written and its files' verdicts, once written. */
type IndexWritten = Promise<{ folder: string; known: ScannedBytes | undefined }>;

/** astro:build:done: writes the last files and checks every file; any failure removes the output. */
async function buildDone(state: IntegrationState, outDir: string): Promise<void> {
  mark('astro:build:done');
  setItemBatching(false);
  const scan = state.pageScan;
  state.pageScan = undefined;
  const found = { search: state.searchIndex, written: undefined as IndexWritten | undefined };
  state.searchIndex = undefined;
  try {
    await publish(state, outDir, scan, found);
  } catch (error) {
    // A failure while Pagefind still runs: let it finish (it closes itself) before removing the output.
    scan?.close();
    state.indexScan?.close();
    state.indexScan = undefined;
    await found.written?.catch(() => undefined);
    await found.search?.close();
    await rm(indexStaging(outDir), { recursive: true, force: true });
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Completes and writes the index, writes the machine-readable files and checks every file of the
 * output; throws PublishFailedError on a secret. `found` tells the caller what to stop on a failure.
 */
async function publish(
  state: IntegrationState,
  outDir: string,
  scan: PageScanner | undefined,
  found: { search: SearchIndex | undefined; written: IndexWritten | undefined },
): Promise<void> {
  const ownDir = siteDir(state, outDir);
  const result = await getValidation(settings(state));
  // Started at astro:config:done; a build that did not run it indexes every page from the disk now.
  // Pagefind has indexed the pages as they rendered (any HTML file it has not seen is
  // added now: the machine-readable files are none) and written the shards that filled;
  // it writes the last one beside the output while the page scan finishes. Every built
  // file is then checked: a file whose bytes were scanned on a worker has its verdict,
  // any other is scanned now (the same issues as scanning every file after the build).
  // The index's files were scanned as each shard was written; it is checked last.
  // Without our own search (a Starlight host indexes the pages itself), none of this.
  const index = found.search
    ? found.search
    : state.searchEnabled
      ? (found.search = newSearchIndex(state, outDir, result.secrets))
      : undefined;
  found.written = index
    ? timed('pagefind (last pages)', () => index.complete(ownDir))
        .then(() => timed('pagefind write', () => index.write()))
        .then(async (folder) => ({ folder, known: await timed('index scan (worker)', () => finishIndexScan(state)) }))
    : undefined;
  await timed('machine-readable files', async () => {
    const files = machineReadableFiles(await getValidatedSite(settings(state)), state.siteBase);
    await writeSiteFiles(ownDir, files, (bytes) => scan?.submit(bytes));
  });
  const pageScanned = async () => {
    const known = await timed('page scan (finish)', () => scan?.finish());
    return timed('output secret scan', () => scanOutput(ownDir, result.secrets, known));
  };
  const [pageLeaks, indexWritten] = await Promise.all([pageScanned(), found.written]);
  state.indexScan = undefined;
  const indexLeaks = indexWritten ? await placeIndex(indexWritten, ownDir, outDir, result.secrets) : [];
  const leaks = sortIssues([...pageLeaks, ...indexLeaks]);
  if (leaks.length > 0) {
    throw new PublishFailedError(
      `Decision Packet: the built site contains a secret value; nothing was published.\n\n${report(leaks, 'pretty')}`,
    );
  }
  // Written after every scan: a fixed text, so two builds of the same content stay byte-identical.
  await writeBuildMarker(outDir);
}

/** The verdicts on the index's files (none when no shard was written, so none was scanned). */
const finishIndexScan = async (state: IntegrationState) => state.indexScan?.finish();

/** Moves the written search index into the packets' folder and scans it; returns what leaked. */
async function placeIndex(
  written: { folder: string; known: ScannedBytes | undefined },
  ownDir: string,
  outDir: string,
  secrets: readonly string[],
) {
  await rename(written.folder, path.join(ownDir, 'pagefind'));
  await rm(indexStaging(outDir), { recursive: true, force: true });
  return timed('index secret scan', () => scanOutput(path.join(ownDir, 'pagefind'), secrets, written.known));
}

/** Where the search index is written before it is moved into the output (same file system: a rename). */
const indexStaging = (outDir: string) => `${path.resolve(outDir)}.pagefind-staging`;

/** Hands every file under `dir` to the scan, sorted (its verdicts come with the scan's finish, by hash). */
async function submitFiles(dir: string, scan: PageScanner): Promise<void> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) await scan.submit(await readFile(file));
}

/**
 * Writes each file once (its folder first: a packet's folder exists already when its page was
 * rendered) and hands `written` the exact bytes of each (the page scan).
 */
async function writeSiteFiles(
  outDir: string,
  files: readonly SiteFile[],
  written?: (bytes: Uint8Array) => Promise<void> | undefined,
): Promise<void> {
  const folders = new Set(files.map((file) => path.dirname(path.join(outDir, file.path))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  // A few writes at a time: the disk stays busy without thousands of files open at once.
  for (let start = 0; start < files.length; start += 32) {
    await Promise.all(
      files.slice(start, start + 32).map(async (file) => {
        const bytes = Buffer.from(file.text);
        await writeFile(path.join(outDir, file.path), bytes);
        await written?.(bytes);
      }),
    );
  }
}
