// Astro's prerenderer, wrapped so that the secret scan sees each page's exact bytes as it is
// rendered (src/secrets/page-scan.ts). The page is read once and handed on unchanged: Astro writes
// the very bytes that were scanned. Everything but `render` is the prerenderer's own.
import type { HookParameters } from 'astro';
import type { PageScan } from '../secrets/page-scan.ts';

type SetPrerenderer = HookParameters<'astro:build:start'>['setPrerenderer'];
export type Prerenderer = Exclude<Parameters<SetPrerenderer>[0], (...args: never[]) => unknown>;

export function scanningPrerenderer(inner: Prerenderer, scan: PageScan): Prerenderer {
  const render: Prerenderer['render'] = async (request, options) => {
    const rendered = await inner.render(request, options);
    const response = rendered instanceof Response ? rendered : rendered.response;
    // Redirects and empty bodies are written by Astro from its own template, or not at all:
    // the check after the build scans whatever file they become.
    if (!response.body || (response.status >= 300 && response.status < 400)) return rendered;
    const bytes = new Uint8Array(await response.arrayBuffer());
    await scan.submit(bytes);
    const copy = new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
    return rendered instanceof Response ? copy : { ...rendered, response: copy };
  };
  return new Proxy(inner, {
    get(target, key) {
      if (key === 'render') return render;
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
