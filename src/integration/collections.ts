// The packet data the routes render, in the shape of Astro's content collections ({ id, data }),
// read straight from the one validated site (src/integration/validated-site.ts) instead of a
// content config. So the injected routes need nothing from the project that hosts them: no
// src/content.config.ts, and a team's own Astro site keeps its own collections.
import type { SiteData } from '../site/site-data.ts';
import { batchParam, itemBatches, type ItemBatch, type ItemPageKind } from '../site/item-pages.ts';
import { getValidatedSite } from './validated-site.ts';
import { itemBatching } from './item-batching.ts';

interface Entry {
  id: string;
  data: Record<string, unknown>;
}

const asData = (value: object) => value as unknown as Record<string, unknown>;

const collections = {
  packets: (site: SiteData) => site.packets.map((p) => ({ id: p.id, data: asData(p) })),
  workItems: (site: SiteData) => site.workItems.map((w) => ({ id: w.id, data: asData(w) })),
  evidence: (site: SiteData) => site.evidence.map((e) => ({ id: e.id, data: asData(e) })),
  site: (site: SiteData) => [{ id: 'site', data: { buildCommit: site.buildCommit ?? null, today: site.today, targetRepositories: site.targetRepositories, schemas: site.schemas, kinds: site.kinds } }],
} satisfies Record<string, (site: SiteData) => Entry[]>;

export type CollectionName = keyof typeof collections;

/** Every entry of a collection; throws GateFailedError when the content is invalid. */
export async function getCollection(name: CollectionName): Promise<Entry[]> {
  return collections[name](await getValidatedSite());
}

/** One entry by id, or undefined. */
export async function getEntry(name: CollectionName, id: string): Promise<Entry | undefined> {
  return (await getCollection(name)).find((entry) => entry.id === id);
}

/** The item pages' static paths: one per item, or one per batch when the build writes them in batches. */
export async function getItemPagePaths<K extends ItemPageKind>(kind: K): Promise<{ params: { id: string }; props: { item: ItemBatch<K>['items'][number] } | { batch: ItemBatch<K> } }[]> {
  const batches = itemBatches(await getValidatedSite(), kind);
  if (itemBatching()) return batches.map((batch) => ({ params: { id: batchParam(batch.index) }, props: { batch } }));
  return batches.flatMap((batch) => batch.items.map((item) => ({ params: { id: item.id }, props: { item } })));
}
