// An Astro content loader fed by validate(): it throws (failing the build) when any rule breaks,
// so Astro's own fail-open loaders and value-echoing schema errors never see our content.
import type { Loader } from 'astro/loaders';
import { getValidatedSite, invalidateValidatedSite } from './validated-site.ts';
import type { SiteData } from '../site/site-data.ts';
import { resolveContentDir } from '../validate/validate.ts';
import { timed } from '../validate/timings.ts';

type Pick = (site: SiteData) => { id: string; data: Record<string, unknown> }[];

export function decisionPacketLoader(name: string, pick: Pick): Loader {
  return {
    name: `decision-packet:${name}`,
    load: async ({ store, watcher, logger }) => {
      const sync = async () => {
        const site = await getValidatedSite();
        await timed(`loader ${name}`, () => {
          store.clear();
          for (const entry of pick(site)) store.set({ id: entry.id, data: entry.data });
        });
      };
      await sync();
      if (watcher) {
        const dir = resolveContentDir();
        watcher.add(dir);
        watcher.on('all', async (_event, changed) => {
          if (!changed.startsWith(dir)) return;
          invalidateValidatedSite();
          try {
            await sync();
          } catch (error) {
            logger.error(error instanceof Error ? error.message : 'The content is invalid.');
          }
        });
      }
    },
  };
}
