// `astro dev` for authors: invalid content never stops the server. While any rule breaks, every
// page request gets an error page listing each violation (file:line:col, rule, message, hint —
// the masked issues of validate(), never a value), which reloads itself; as soon as the content
// is valid again the pages render from it. Each change is validated once and reported once,
// however many file events an editor's save makes, and the open pages reload.
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import type { Issue } from '../core/issue.ts';
import { htmlText as escape } from '../report/escape.ts';
import { redactText } from '../report/redact.ts';
import { report } from '../report/reporters.ts';
import { getRule } from '../rules/catalog.ts';
import type { ValidationResult } from '../core/validation-result.ts';
import { getValidatedSite, getValidation, invalidateValidatedSite, keepValidationCache, type SiteOptions } from './validated-site.ts';

interface DevState {
  active: boolean;
  /** The revalidation in progress; requests wait for it, so they never see half of a change. */
  pending: Promise<void>;
}

// Shared through globalThis: the content loaders run in Astro's module graph, the integration in Node's.
const key = Symbol.for('decision-packet.dev-server');
const state = ((globalThis as Record<symbol, unknown>)[key] ??= { active: false, pending: Promise.resolve() }) as DevState;

/** Events closer together than this are one change (an editor's save is several events). */
const settleMs = 120;

export function enterDevMode(): void {
  state.active = true;
}

export function isDevMode(): boolean {
  return state.active;
}

/** Prints one report for one validation: every violation, or that the content is valid. */
export function printValidation(result: ValidationResult, logger: AstroIntegrationLogger): void {
  if (result.ok) logger.info('The content is valid: the pages show it.');
  else
    logger.error(
      redactText(
        `The content breaks ${result.issues.length} rule${result.issues.length === 1 ? '' : 's'}; the dev server shows them instead of the pages until they are fixed.\n\n${report(result.issues, 'pretty')}`,
        result.secrets,
      ),
    );
}

interface DevServer {
  middlewares: { use: (handler: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void) => void };
  watcher: { add: (path: string) => void; on: (event: 'all', listener: (event: string, file: string) => void) => void };
  ws: { send: (payload: { type: 'full-reload' }) => void };
}

/** astro:server:setup: serve the error page while the content is invalid, and revalidate on every change. */
export function setupDevServer(server: DevServer, logger: AstroIntegrationLogger, options: SiteOptions): void {
  const dir = options.contentDir;
  keepValidationCache();
  server.watcher.add(dir);
  let timer: NodeJS.Timeout | undefined;
  server.watcher.on('all', (_event, file) => {
    if (file !== dir && !file.startsWith(`${dir}${path.sep}`)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      state.pending = state.pending
        .then(async () => {
          invalidateValidatedSite();
          const result = await getValidation(options);
          printValidation(result, logger);
          // The site data is made here, in Node's module graph, as at start (the render pool's workers can start).
          if (result.ok) await getValidatedSite(options);
          server.ws.send({ type: 'full-reload' });
        })
        .catch((error: unknown) => {
          logger.error(`Revalidating the content failed: ${error instanceof Error ? error.name : 'unknown error'}.`);
        });
    }, settleMs);
  });

  server.middlewares.use((req, res, next) => {
    if (!wantsPage(req)) {
      next();
      return;
    }
    void (async () => {
      await state.pending;
      const result = await getValidation(options);
      if (result.ok) {
        next();
        return;
      }
      res.statusCode = 500;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.setHeader('cache-control', 'no-store');
      // Through the output boundary too: masked with every secret this process has found.
      res.end(redactText(errorPage(result.issues), result.secrets));
    })().catch(next);
  });
}

/** A page request (not a script, style, image or Vite's own module requests). */
function wantsPage(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const pathname = (req.url ?? '/').split('?')[0]!;
  if (pathname.startsWith('/@') || pathname.startsWith('/_astro/') || pathname.includes('/node_modules/')) return false;
  return pathname.endsWith('/') || pathname.endsWith('.html') || !/\.[a-z0-9]+$/i.test(pathname);
}

/** The error page: every violation, masked; it reloads itself until the content is valid. */
export function errorPage(issues: readonly Issue[]): string {
  const files = new Set(issues.map((issue) => issue.file)).size;
  const items = issues
    .map((issue) => {
      const location = `${issue.file}:${issue.line ?? 1}:${issue.column ?? 1}`;
      const name = getRule(issue.ruleId).name;
      return `<li><p class="where"><code>${escape(location)}</code> <strong>${escape(issue.ruleId)}</strong> <code>${escape(name)}</code>${issue.field ? ` <code>${escape(issue.field)}</code>` : ''}</p><p>${escape(issue.message)}</p><p class="hint">Hint: ${escape(issue.hint)}</p></li>`;
    })
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="2">
<title>The content breaks ${issues.length} rule${issues.length === 1 ? '' : 's'} · Decision Packet</title>
<style>
body { margin: 0; font-family: system-ui, sans-serif; line-height: 1.5; background: #fff; color: #1f2937; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; color: #991b1b; }
ol { padding-left: 1.5rem; } li { margin: 0 0 1rem; border-bottom: 1px solid #e5e7eb; }
li p { margin: 0.2rem 0; } .hint { color: #4b5563; }
code { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
@media (prefers-color-scheme: dark) { body { background: #111827; color: #e5e7eb; } h1 { color: #fca5a5; } .hint { color: #9ca3af; } li { border-color: #374151; } }
</style></head>
<body><main>
<h1>The content breaks ${issues.length} rule${issues.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}</h1>
<p>Nothing is shown until every rule passes: <code>npm run build</code> would publish nothing. Fix the files below; this page reloads itself and shows the packet as soon as the content is valid.</p>
<ol>${items}</ol>
</main></body></html>
`;
}
