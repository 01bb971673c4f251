// Node enables its compile cache per thread: the secret engine's worker asks for the cache of the
// thread that starts it, or it compiles (and, in a checkout, strips the types of) every module again.
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/fixtures.ts';
import { runProcess } from './helpers/run.ts';

// A worker that answers with the compile cache folder it runs with.
const probe = `import module from 'node:module';
import { parentPort } from 'node:worker_threads';
parentPort.postMessage(module.getCompileCacheDir() ?? 'no cache');`;

async function cacheSeenByWorker(enableCache: boolean): Promise<{ main: string; worker: string }> {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'worker-start-')));
  writeFileSync(path.join(dir, 'probe.mjs'), probe);
  const startWorker = pathToFileURL(path.join(projectRoot, 'src/secrets/worker-start.ts')).href;
  const script = `import module from 'node:module';
${enableCache ? `module.enableCompileCache(${JSON.stringify(path.join(dir, 'cache'))});` : ''}
const { startWorker } = await import(${JSON.stringify(startWorker)});
startWorker(${JSON.stringify(path.join(dir, 'probe.mjs'))}).once('message', (seen) => {
  console.log(JSON.stringify({ main: module.getCompileCacheDir() ?? 'no cache', worker: seen }));
  process.exit(0);
});`;
  writeFileSync(path.join(dir, 'main.mjs'), script);
  const result = await runProcess(process.execPath, ['main.mjs'], { cwd: dir, env: { PATH: process.env.PATH } });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as { main: string; worker: string };
}

describe('startWorker', () => {
  it('starts the worker with the compile cache of the thread that starts it', async () => {
    const seen = await cacheSeenByWorker(true);
    expect(seen.main).not.toBe('no cache');
    expect(seen.worker).toBe(seen.main);
  });

  it('starts it without a cache when that thread has none', async () => {
    expect(await cacheSeenByWorker(false)).toEqual({ main: 'no cache', worker: 'no cache' });
  });
});
