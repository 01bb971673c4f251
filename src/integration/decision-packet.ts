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
import type { AstroConfig, AstroIntegration } from 'astro';
import { getValidatedSite, getValidation, GateFailedError, useSiteOptions } from './validated-site.ts';
import { resolvePacketOptions, type DecisionPacketOptions, type ResolvedPacketOptions } from './packet-options.ts';
import { SearchIndex } from './search-index.ts';
import { scanOutputForSecrets, type Verdict } from '../secrets/scan-output.ts';
import { report } from '../report/reporters.ts';
import { sortIssues } from '../core/issue.ts';
import { mark, timed } from '../validate/timings.ts';
import { resolveSectionComponents, sectionComponentsPlugin } from './section-components.ts';
import { enterDevMode, isDevMode, printValidation, setupDevServer } from './dev-server.ts';
import { machineReadableFiles, type SiteFile } from '../site/machine-readable.ts';
import { PageScan } from '../secrets/page-scan.ts';
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

export function packetIntegration(options: DecisionPacketOptions, host: HostOptions): AstroIntegration {
  const searchEnabled = host.search !== false;
  /** Every option with its default, resolved once the project's root and base are known (astro:config:setup). */
  let resolved: ResolvedPacketOptions | undefined;
  const settings = (): ResolvedPacketOptions => {
    if (!resolved) throw new Error('Decision Packet: the integration was used before astro:config:setup.');
    return resolved;
  };
  let base = '/';
  /** The packets' root: the base path and the prefix (`/`, `/docs/decisions/`). */
  let siteBase = '/';
  /** The packets' folder in the output: the output folder itself, or its prefix folder. */
  const siteDir = (outDir: string) => path.join(outDir, settings().prefix);
  let building = false;
  let previewing = false;
  /** The secret scan of the pages as they render (from astro:build:start to astro:build:done). */
  let pageScan: PageScan | undefined;
  /** Where the build writes the item pages of a batch, when it does (astro:config:done). */
  let batchOutDir: string | undefined;
  /**
   * The batches' prerenderer, loaded only when the build batches: it uses Astro's private
   * renderer helpers (src/site/item-pages.ts), which a host site's build (Starlight) never loads.
   */
  let batchPrerenderer: typeof BatchPrerenderer | undefined;
  /** The search index, fed as pages render (from astro:config:done to astro:build:done). */
  let searchIndex: SearchIndex | undefined;
  /** The secret scan of the index's files, started when its first shard is written. */
  let indexScan: PageScan | undefined;
  /** A search index written beside the output, each shard's files scanned as soon as they are written. */
  const newSearchIndex = (outDir: string, secrets: readonly string[]) =>
    new SearchIndex({
      outputPath: indexStaging(outDir),
      pagesPerShard: settings().searchShardPages,
      written: (folder) => submitFiles(folder, (indexScan ??= new PageScan(secrets))),
    });
  let buildFormat: AstroConfig['build']['format'] = 'directory';
  return {
    name: 'decision-packet',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig, injectRoute }) => {
        if (command === 'dev') enterDevMode();
        building = command === 'build';
        previewing = command === 'preview';
        base = config.base.replace(/\/?$/, '/');
        resolved = resolvePacketOptions(options, fileURLToPath(config.root), base);
        siteBase = `${base}${resolved.prefix}`;
        // The routes, loaded by Vite, ask for the site data without options: they get these.
        useSiteOptions(resolved);
        setSitePrefix(resolved.prefix);
        // A host site: its public/ folder is not ours, so the theme script and icon are routes too.
        const isHost = path.resolve(fileURLToPath(config.publicDir)) !== path.resolve(publicDir);
        const hostPages = isHost ? ownPages(fileURLToPath(config.srcDir)) : new Set<string>();
        for (const route of injectedRoutes(resolved.prefix, { host: isHost, search: searchEnabled, hostPages }))
          injectRoute({ ...route, prerender: true });
        const components = resolveSectionComponents(options.components, fileURLToPath(config.root));
        updateConfig({ vite: { plugins: [sectionComponentsPlugin(components)] } });
        if (host.layout === 'starlight') updateConfig({ vite: { plugins: [starlightLayoutPlugin()] } });
        // The guides and the rules page are MDX: bring the MDX integration unless the site has it.
        if (!config.integrations.some((integration) => integration.name === '@astrojs/mdx'))
          updateConfig({ integrations: [mdx({ syntaxHighlight: false })] });
        // Pages are rendered a few at a time, so one page's file is written while the next
        // renders (one at a time, the build waits on the disk a third of the time). Only when
        // the project did not set build.concurrency itself.
        const concurrency = resolved.renderConcurrency;
        if (config.build.concurrency === 1 && concurrency > 1) updateConfig({ build: { concurrency } });
      },
      'astro:config:done': async ({ config, logger }) => {
        mark('astro:config:done');
        // Astro empties the output folder as its build starts, and preview serves every file in it.
        if (building || previewing) {
          const guard = { contentDir: settings().contentDir, repoRoot: await gitTopLevel(process.cwd()), requireMarker: previewing };
          try {
            checkOutputFolder(fileURLToPath(config.outDir), guard);
          } catch (error) {
            // A refused folder is a usage error (exit 2), but Astro's CLI exits 1 on any error:
            // the status is set as the process exits, after Astro's own process.exit(1).
            if (error instanceof OutputFolderError) process.once('exit', () => void (process.exitCode = 2));
            throw error;
          }
        }
        const result = await getValidation(settings());
        // The page scan's worker starts now, so its scanner is loaded and warm by the time the
        // first page renders (Astro bundles first). Not under an adapter: an adapter may bring a
        // prerenderer of its own, which the page scan's would replace; its pages are then all
        // scanned after the build, as any file not scanned as it rendered is.
        pageScan?.close();
        pageScan = building && result.ok && config.adapter === undefined ? new PageScan(result.secrets) : undefined;
        // The item pages are written in batches by the prerenderer below, which knows only the
        // folder-per-page layout; an adapter's prerenderer would replace it (src/site/item-pages.ts).
        // The host's layout (Starlight) is not a shell whose slots the batches can fill: one page per route.
        batchOutDir =
          building && config.adapter === undefined && config.build.format === 'directory' && host.layout === undefined
            ? siteDir(fileURLToPath(config.outDir))
            : undefined;
        batchPrerenderer = batchOutDir === undefined ? undefined : (await import('./batch-prerenderer.ts')).batchPrerenderer;
        // Pagefind's process starts now too, so it is ready for the first rendered page.
        void searchIndex?.close();
        indexScan?.close();
        indexScan = undefined;
        searchIndex = building && result.ok && searchEnabled ? newSearchIndex(fileURLToPath(config.outDir), result.secrets) : undefined;
        buildFormat = config.build.format;
        // The dev server starts anyway and shows the violations instead of the pages (dev-server.ts).
        if (!result.ok && isDevMode()) {
          printValidation(result, logger);
          return;
        }
        if (!result.ok) throw new GateFailedError(result);
        // The site data is made here, in the integration's module graph (plain Node: the render
        // pool's workers can start); the routes, loaded by Vite, find it cached.
        await getValidatedSite(settings());
      },
      'astro:server:setup': ({ server, logger }) => {
        // Dev server: the machine-readable files are served from the same builders the build writes them with.
        server.middlewares.use((request, response, next) => {
          const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
          if (!pathname.startsWith(siteBase)) {
            next();
            return;
          }
          const wanted = pathname.slice(siteBase.length);
          if (!/(?:^packets\.json|^governing\.json|^llms(?:-full)?\.txt|\/decision\.json|\/badge\.svg)$/.test(wanted)) {
            next();
            return;
          }
          getValidatedSite(settings()).then(
            (site) => {
              const file = machineReadableFiles(site, siteBase).find((candidate) => candidate.path === wanted);
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
        });
        setupDevServer(server, logger, settings());
      },
      'astro:build:start': ({ setPrerenderer }) => {
        mark('astro:build:start');
        // Each page's bytes are scanned (a worker thread, bounded) and indexed (Pagefind's process,
        // bounded) as Astro renders them; a batch of item pages is written as its pages, each
        // scanned and indexed too.
        const scan = pageScan;
        const outDir = batchOutDir;
        const watchers = { scan, search: searchIndex, base: siteBase, format: buildFormat };
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
      },
      'astro:build:done': async ({ dir }) => {
        mark('astro:build:done');
        setItemBatching(false);
        const outDir = fileURLToPath(dir);
        const ownDir = siteDir(outDir);
        const scan = pageScan;
        pageScan = undefined;
        let search = searchIndex;
        searchIndex = undefined;
        let written: Promise<{ folder: string; known: ReadonlyMap<string, Verdict> | undefined }> | undefined;
        try {
          const result = await getValidation(settings());
          // Started at astro:config:done; a build that did not run it indexes every page from the disk now.
          // Pagefind has indexed the pages as they rendered (any HTML file it has not seen is
          // added now: the machine-readable files are none) and written the shards that filled;
          // it writes the last one beside the output while the page scan finishes. Every built
          // file is then checked: a file whose bytes were scanned on a worker has its verdict,
          // any other is scanned now (the same issues as scanning every file after the build).
          // The index's files were scanned as each shard was written; it is checked last.
          // Without our own search (a Starlight host indexes the pages itself), none of this.
          const index = search ? search : searchEnabled ? (search = newSearchIndex(outDir, result.secrets)) : undefined;
          written = index
            ? timed('pagefind (last pages)', () => index.complete(ownDir))
                .then(() => timed('pagefind write', () => index.write()))
                .then(async (folder) => ({ folder, known: await timed('index scan (worker)', async () => indexScan?.finish()) }))
            : undefined;
          await timed('machine-readable files', async () =>
            writeSiteFiles(ownDir, machineReadableFiles(await getValidatedSite(settings()), siteBase), (bytes) => scan?.submit(bytes)),
          );
          const pageScanned = async () => {
            const known = await timed('page scan (finish)', () => scan?.finish());
            return timed('output secret scan', () => scanOutputForSecrets(ownDir, result.secrets, { known }));
          };
          const [pageLeaks, indexWritten] = await Promise.all([pageScanned(), written]);
          indexScan = undefined;
          const indexLeaks = indexWritten ? await placeIndex(indexWritten, ownDir, outDir, result.secrets) : [];
          const leaks = sortIssues([...pageLeaks, ...indexLeaks]);
          if (leaks.length > 0) {
            throw new PublishFailedError(
              `Decision Packet: the built site contains a secret value; nothing was published.\n\n${report(leaks, 'pretty')}`,
            );
          }
          // Written after every scan: a fixed text, so two builds of the same content stay byte-identical.
          await writeBuildMarker(outDir);
        } catch (error) {
          // A failure while Pagefind still runs: let it finish (it closes itself) before removing the output.
          scan?.close();
          indexScan?.close();
          indexScan = undefined;
          await written?.catch(() => undefined);
          await search?.close();
          await rm(indexStaging(outDir), { recursive: true, force: true });
          await rm(outDir, { recursive: true, force: true });
          throw error;
        }
      },
    },
  };
}

/** Moves the written search index into the packets' folder and scans it; returns what leaked. */
async function placeIndex(
  written: { folder: string; known: ReadonlyMap<string, Verdict> | undefined },
  ownDir: string,
  outDir: string,
  secrets: readonly string[],
) {
  await rename(written.folder, path.join(ownDir, 'pagefind'));
  await rm(indexStaging(outDir), { recursive: true, force: true });
  return timed('index secret scan', () => scanOutputForSecrets(path.join(ownDir, 'pagefind'), secrets, { known: written.known }));
}

/** Where the search index is written before it is moved into the output (same file system: a rename). */
const indexStaging = (outDir: string) => `${path.resolve(outDir)}.pagefind-staging`;

/** Hands every file under `dir` to the scan, sorted (its verdicts come with the scan's finish, by hash). */
async function submitFiles(dir: string, scan: PageScan): Promise<void> {
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
