// A worker thread started with the compile cache of the thread that starts it. Node enables the
// cache per thread (the executable enables it for the main one): without it, a worker compiles
// every module again and, in a development checkout, strips the types of every .ts source again
// (about 0.3 s of CPU at each `check`, on the core the main thread needs).
import module from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `new Worker(file, options)`, the worker first enabling this thread's compile cache when there is one. */
export function startWorker(file: string, options: WorkerOptions = {}): Worker {
  const cacheDir = module.getCompileCacheDir();
  if (cacheDir === undefined) return new Worker(file, options);
  // getCompileCacheDir() names the cache's per-version folder inside the folder enabled; the
  // worker enables that same folder (given the inner one, it would nest a second, cold cache).
  // A two-line module in plain JavaScript: nothing to strip before the cache is on.
  const entry = [
    `import nodeModule from 'node:module';`,
    `nodeModule.enableCompileCache(${JSON.stringify(path.dirname(cacheDir))});`,
    `await import(${JSON.stringify(pathToFileURL(file).href)});`,
  ].join('\n');
  return new Worker(entry, { ...options, eval: true });
}
