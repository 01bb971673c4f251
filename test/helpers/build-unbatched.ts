// Builds a site as `decision-packet build` does, except that every work-item and evidence page is
// rendered by Astro on its own (no batches, src/site/item-pages.ts): the reference that
// test/item-pages.test.ts compares the batched build with. PACKET_CONTENT_DIR / PACKET_OUT_DIR as for the build.
import { build } from 'astro';
import { packetSiteConfig } from '../../src/integration/astro-config.ts';
import { setItemBatching } from '../../src/integration/item-batching.ts';

const config = packetSiteConfig();
// Runs after the packet integration's own build:start, which turned batching on.
config.integrations = [
  ...(config.integrations ?? []),
  {
    name: 'unbatched-item-pages',
    hooks: {
      'astro:build:start': () => {
        setItemBatching(false);
      },
    },
  },
];
await build({ ...config, configFile: false, logLevel: 'warn' });
