// Astro's prerenderer, wrapped so that each page's exact bytes are seen as it is rendered: the
// secret scan (src/build-gate/) and the search index (search-index.ts) get them. The page
// is read once and handed on unchanged: Astro writes the very bytes that were scanned and indexed.
// Everything but `render` is the prerenderer's own.
import type { AstroConfig, HookParameters } from 'astro';
import type { PageScanner } from '../build-gate/index.ts';
import type { SearchIndex } from './search-index.ts';

type SetPrerenderer = HookParameters<'astro:build:start'>['setPrerenderer'];
export type Prerenderer = Exclude<Parameters<SetPrerenderer>[0], (...args: never[]) => unknown>;
type RouteData = Parameters<Prerenderer['render']>[1]['routeData'];

export interface PageWatchers {
  scan?: PageScanner;
  search?: SearchIndex;
  /** The packets' root (base path and prefix) and build format: where Astro writes a page, for the search index. */
  base: string;
  format: AstroConfig['build']['format'];
}

export function scanningPrerenderer(inner: Prerenderer, watchers: PageWatchers): Prerenderer {
  const { scan, search } = watchers;
  const render: Prerenderer['render'] = async (request, options) => {
    // The page's place in the index is taken when its render starts: Astro starts them in a fixed order.
    const slot = search?.reserve();
    let indexed: { file: string; bytes: Uint8Array } | undefined;
    try {
      const rendered = await inner.render(request, options);
      const response = rendered instanceof Response ? rendered : rendered.response;
      // A host site's own pages (outside the packets' prefix) are its own: neither scanned nor indexed.
      if (!`${decodeURI(new URL(request.url).pathname)}/`.startsWith(watchers.base)) return rendered;
      // Redirects and empty bodies are written by Astro from its own template, or not at all:
      // the check after the build scans (and the index adds) whatever file they become.
      if (!response.body || (response.status >= 300 && response.status < 400)) return rendered;
      const bytes = new Uint8Array(await response.arrayBuffer());
      await scan?.submit(bytes);
      const file = outputFile(new URL(request.url).pathname, options.routeData, watchers);
      if (file.endsWith('.html')) indexed = { file, bytes };
      const copy = new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
      return rendered instanceof Response ? copy : { ...rendered, response: copy };
    } finally {
      await slot?.fill(indexed);
    }
  };
  return withRender(inner, render);
}

/** The prerenderer with its `render` replaced; everything else is its own. */
export function withRender(inner: Prerenderer, render: Prerenderer['render']): Prerenderer {
  return new Proxy(inner, {
    get(target, key) {
      if (key === 'render') return render;
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const statusPages = new Set(['/404', '/500']);

/** The file Astro writes a rendered page to, relative to the output folder (Astro's getOutputFilename). */
function outputFile(requestPath: string, route: RouteData, { base, format }: Pick<PageWatchers, 'base' | 'format'>): string {
  const decoded = decodeURI(requestPath);
  const inBase = decoded.startsWith(base) ? decoded.slice(base.length - 1) : decoded;
  const name = inBase.replace(/\/+$/, '').replace(/\.html$/, '');
  if (route.type === 'endpoint') return inBase.replace(/^\//, '');
  if (name === '') return 'index.html';
  const flat = format === 'file' || statusPages.has(name) || (format === 'preserve' && !route.isIndex);
  return `${name.slice(1)}${flat ? '.html' : '/index.html'}`;
}
