// `decision-packet dev` and `decision-packet preview`: the standalone site's Astro dev server (the
// content validated as it changes; violations shown instead of the pages) and a static server
// for a site `build` wrote (only a folder with the build's marker). Both run until interrupted.
import path from 'node:path';
import { resolveToday, UsageError } from '../core/build-date.ts';
import { packetSiteConfig } from '../integration/astro-config.ts';
import { resolveContentDir } from '../core/content-dir.ts';
import { flags, HelpRequested, unknownArgument } from './arguments.ts';
import { failUsage } from './check.ts';
import { checkOutputFolder, OutputFolderError } from '../integration/output-folder.ts';
import { gitTopLevel } from '../git/repository-root.ts';
import { emit } from '../report/output.ts';

export const serveUsage = `Usage: npx decision-packet dev [--content <dir>] [--port <n>] [--host]
       npx decision-packet preview [--out <dir>] [--port <n>] [--host]

dev       serve the site while you edit the content (default ./content); violations are shown instead of the pages
preview   serve a site that \`npx decision-packet build\` wrote (default ./dist); any other folder is refused
--port    the port (default Astro's, 4321); --host: listen on every address, not only localhost
Both run until interrupted (Ctrl+C). Exit status: 0 stopped, 2 usage or internal error.`;

interface ServeOptions {
  contentDir?: string;
  outDir?: string;
  port?: number;
  host: boolean;
}

export function parseServeArguments(command: 'dev' | 'preview', argv: readonly string[]): ServeOptions {
  const options: ServeOptions = { host: false };
  for (const { flag, argument, value } of flags(argv)) {
    if (flag === '--help' || flag === '-h') throw new HelpRequested();
    else if (flag === '--content' && command === 'dev') options.contentDir = value();
    else if (flag === '--out' && command === 'preview') options.outDir = value();
    else if (flag === '--host') options.host = true;
    else if (flag === '--port') {
      const port = value();
      if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)
        throw new UsageError('--port must be a number from 1 to 65535.');
      options.port = Number(port);
    } else throw unknownArgument(argument);
  }
  return options;
}

/** Resolves once the process is asked to stop (Ctrl+C or a termination signal). */
const interrupted = () =>
  new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'])
      process.once(signal, () => {
        resolve();
      });
  });

async function serve(command: 'dev' | 'preview', argv: readonly string[]): Promise<number> {
  try {
    const options = parseServeArguments(command, argv);
    const packet = { content: resolveContentDir({ contentDir: options.contentDir }), today: resolveToday() };
    const outDir = path.resolve(options.outDir ?? (process.env.PACKET_OUT_DIR || 'dist'));
    // Preview serves every file of the folder: one the build did not write is refused before Astro starts.
    if (command === 'preview')
      checkOutputFolder(outDir, { contentDir: packet.content, repoRoot: await gitTopLevel(process.cwd()), requireMarker: true });
    const config = {
      ...packetSiteConfig({ packet, outDir }),
      configFile: false as const,
      server: { port: options.port, host: options.host },
    };
    const astro = await import('astro');
    const server = command === 'dev' ? await astro.dev(config) : await astro.preview(config);
    await interrupted();
    await server.stop();
    return 0;
  } catch (error) {
    if (error instanceof OutputFolderError) {
      emit('stderr', `${error.message}\n`);
      return 2;
    }
    return failUsage(error, serveUsage);
  }
}

export const dev = { main: (argv: readonly string[]) => serve('dev', argv) };
export const preview = { main: (argv: readonly string[]) => serve('preview', argv) };
