// The loaders in a host's dev server: Astro hands each loader its file watcher. One listener per
// watcher and content folder (however many collections read it) forgets the validation on an edit
// inside the folder, once, and then every loader of that folder stores its records again. Keyed by
// the watcher too: a restarted dev server (an edited config) hands the loaders a new one.
import path from 'node:path';
import type { LoaderContext } from 'astro/loaders';
import { invalidateValidatedSite } from '../integration/validated-site.ts';

type Reload = () => Promise<void>;
type Watcher = NonNullable<LoaderContext['watcher']>;

const reloadsByWatcher = new WeakMap<Watcher, Map<string, Map<string, Reload>>>();

function inside(folder: string, file: string): boolean {
  const relative = path.relative(folder, path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function listen(watcher: Watcher, folder: string, reloads: Map<string, Reload>): void {
  let pending = Promise.resolve();
  watcher.add(folder);
  watcher.on('all', (_event: string, file: string) => {
    if (!inside(folder, file)) return;
    // One edit at a time: each revalidation starts after the last one's records are stored.
    pending = pending.then(async () => {
      invalidateValidatedSite();
      await Promise.all([...reloads.values()].map((reload) => reload()));
    });
  });
}

/** Stores the loader's records again after each edit in the content folder (dev only: no watcher in a build). */
export function reloadOnEdit(watcher: Watcher | undefined, folder: string, collection: string, reload: Reload): void {
  if (!watcher) return;
  let byFolder = reloadsByWatcher.get(watcher);
  if (!byFolder) reloadsByWatcher.set(watcher, (byFolder = new Map<string, Map<string, Reload>>()));
  let reloads = byFolder.get(folder);
  if (!reloads) {
    reloads = new Map();
    byFolder.set(folder, reloads);
    listen(watcher, folder, reloads);
  }
  reloads.set(collection, reload);
}
