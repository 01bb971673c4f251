// The loaders in a host's dev server: Astro hands each loader its file watcher. One listener per
// content folder (however many collections read it) forgets the validation on an edit inside the
// folder, once, and then every loader of that folder stores its records again.
import path from 'node:path';
import type { LoaderContext } from 'astro/loaders';
import { invalidateValidatedSite } from '../integration/validated-site.ts';

type Reload = () => Promise<void>;
type Watcher = NonNullable<LoaderContext['watcher']>;

const reloadsByFolder = new Map<string, Map<string, Reload>>();

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
  let reloads = reloadsByFolder.get(folder);
  if (!reloads) {
    reloads = new Map();
    reloadsByFolder.set(folder, reloads);
    listen(watcher, folder, reloads);
  }
  reloads.set(collection, reload);
}
