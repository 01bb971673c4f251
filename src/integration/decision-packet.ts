// The Astro integration: validates before anything renders (so `astro build` run directly is
// gated too), then after the build indexes the site with Pagefind and scans every written file
// for secrets. Any failure removes the output and fails the build.
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { getValidation, GateFailedError } from './validated-site.ts';
import { indexPages } from './search-index.ts';
import { scanOutputForSecrets } from '../secrets/scan-output.ts';
import { report } from '../report/reporters.ts';
import { sortIssues } from '../core/issue.ts';
import { mark, timed } from '../validate/timings.ts';

export class PublishFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublishFailedError';
  }
}

/** Pages Astro renders at once (see astro:config:setup). */
const renderConcurrency = 4;

export function decisionPacket(): AstroIntegration {
  return {
    name: 'decision-packet',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        // Pages are rendered a few at a time, so one page's file is written while the next
        // renders (one at a time, the build waits on the disk a third of the time). Only when
        // the project did not set build.concurrency itself.
        const concurrency = Number(process.env.PACKET_RENDER_CONCURRENCY) || renderConcurrency;
        if (config.build.concurrency === 1 && concurrency > 1) updateConfig({ build: { concurrency } });
      },
      'astro:config:done': async () => {
        mark('astro:config:done');
        const result = await getValidation();
        if (!result.ok) throw new GateFailedError(result);
      },
      'astro:build:start': () => mark('astro:build:start'),
      'astro:build:done': async ({ dir }) => {
        mark('astro:build:done');
        const outDir = fileURLToPath(dir);
        // Pagefind writes its index beside the output while the pages are still being scanned,
        // then it is moved in (same file system: a rename) and scanned on its own.
        const staged = `${path.resolve(outDir)}.pagefind-staging`;
        let written: Promise<number> | undefined;
        try {
          const result = await getValidation();
          await rm(staged, { recursive: true, force: true });
          // Pagefind indexes the pages in its own process while this one scans them for secrets
          // (two cores: the two overlap), and writes its index as soon as it is done. Every
          // built file is scanned once, as before: the pages first, then the index.
          written = timed('pagefind', () => indexPages(outDir)).then((index) => timed('pagefind write', () => index.write(staged)));
          const [pageLeaks] = await Promise.all([timed('output secret scan', () => scanOutputForSecrets(outDir, result.secrets)), written]);
          await rename(staged, path.join(outDir, 'pagefind'));
          const indexLeaks = await timed('index secret scan', () => scanOutputForSecrets(path.join(outDir, 'pagefind'), result.secrets));
          const leaks = sortIssues([...pageLeaks, ...indexLeaks]);
          if (leaks.length > 0) {
            throw new PublishFailedError(`Decision Packet: the built site contains a secret value; nothing was published.\n\n${report(leaks, 'pretty')}`);
          }
        } catch (error) {
          // A failure while Pagefind still runs: let it finish (it closes itself) before removing the output.
          await written?.catch(() => undefined);
          await rm(staged, { recursive: true, force: true });
          await rm(outDir, { recursive: true, force: true });
          throw error;
        }
      },
    },
  };
}
