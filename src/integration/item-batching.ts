// Whether this build writes the work-item and evidence pages in batches (src/site/item-pages.ts):
// only when the integration's own prerenderer writes them out (src/integration/batch-prerenderer.ts).
// Shared through globalThis: the routes run in Vite's module graph, the integration outside it.
const key = Symbol.for('decision-packet.item-batching');

export function setItemBatching(on: boolean): void {
  (globalThis as Record<symbol, unknown>)[key] = on;
}

export function itemBatching(): boolean {
  return (globalThis as Record<symbol, unknown>)[key] === true;
}
