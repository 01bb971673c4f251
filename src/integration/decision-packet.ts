// The Astro integration: validates before anything renders (so `astro build` run directly is
// gated too), then after the build indexes the site with Pagefind and scans every written file
// for secrets. Any failure removes the output and fails the build.
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { getValidation, GateFailedError } from './validated-site.ts';
import { indexSite } from './search-index.ts';
import { scanOutputForSecrets } from '../secrets/scan-output.ts';
import { report } from '../report/reporters.ts';
import { mark, timed } from '../validate/timings.ts';

export class PublishFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublishFailedError';
  }
}

export function decisionPacket(): AstroIntegration {
  return {
    name: 'decision-packet',
    hooks: {
      'astro:config:done': async () => {
        mark('astro:config:done');
        const result = await getValidation();
        if (!result.ok) throw new GateFailedError(result);
      },
      'astro:build:start': () => mark('astro:build:start'),
      'astro:build:done': async ({ dir }) => {
        mark('astro:build:done');
        const outDir = fileURLToPath(dir);
        try {
          await timed('pagefind', () => indexSite(outDir));
          const result = await getValidation();
          const leaks = await timed('output secret scan', () => scanOutputForSecrets(outDir, result.secrets));
          if (leaks.length > 0) {
            throw new PublishFailedError(`Decision Packet: the built site contains a secret value; nothing was published.\n\n${report(leaks, 'pretty')}`);
          }
        } catch (error) {
          await rm(outDir, { recursive: true, force: true });
          throw error;
        }
      },
    },
  };
}
