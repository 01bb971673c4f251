// The item pages' static paths, read straight from the one validated site
// (src/integration/validated-site.ts): the injected routes need nothing from the project that
// hosts them (no src/content.config.ts), and a team's own Astro site keeps its own collections.
// The other routes read getValidatedSite() itself, typed.
import { batchParam, itemBatches, type ItemBatch, type ItemPageKind } from '../site/item-pages.ts';
import { getValidatedSite } from './validated-site.ts';
import { itemBatching } from './item-batching.ts';

/** An item page's props: one item, or a batch of them. */
export type ItemPageProps<K extends ItemPageKind> = { item: ItemBatch<K>['items'][number] } | { batch: ItemBatch<K> };

type ItemPagePath<K extends ItemPageKind> = { params: { id: string }; props: ItemPageProps<K> };

/** One path per item, or one per batch when the build writes them in batches. */
export async function getItemPagePaths<K extends ItemPageKind>(kind: K): Promise<ItemPagePath<K>[]> {
  const batches = itemBatches(await getValidatedSite(), kind);
  if (itemBatching()) return batches.map((batch) => ({ params: { id: batchParam(batch.index) }, props: { batch } }));
  return batches.flatMap((batch) => batch.items.map((item) => ({ params: { id: item.id }, props: { item } })));
}
