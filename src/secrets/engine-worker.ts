// The worker thread of the content scan (engine-on-worker.ts): loads the secret engine as it
// starts and scans the texts it is sent, in order, answering each request with the findings or
// the engine's error name.
import { parentPort } from 'node:worker_threads';
import { loadSecretEngine } from './engine.ts';
import type { EngineRequest, EngineAnswer } from './engine-on-worker.ts';

// Loaded (and warmed up: secretlint compiles its rules on the first text) before the first request.
let queue: Promise<unknown> = loadSecretEngine()
  .then((engine) => engine.scan(['warm-up']))
  .catch(() => undefined);

parentPort!.on('message', (request: EngineRequest) => {
  queue = queue
    .then(() => loadSecretEngine())
    .then((engine) => engine.scan(request.texts))
    .then(
      (findings): EngineAnswer => ({ id: request.id, findings }),
      (error: unknown): EngineAnswer => ({ id: request.id, error: error instanceof Error ? error.name : 'unknown error' }),
    )
    .then((answer) => {
      parentPort!.postMessage(answer);
    });
});
