// The secret engine run on a worker thread, so the content scan (the largest piece of `check`)
// runs beside the reader's, the schemas', git's and the gates' work on the other core. Same
// findings as the engine run here: the worker runs the very same engine. A worker that cannot
// start or dies leaves its texts to the engine on this thread; an engine that fails in the
// worker fails here the same way (the caller reports DP602 for it).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { SecretFinding } from './detectors.ts';
import { loadSecretEngine, type SecretEngine } from './engine.ts';
import { startWorker } from './worker-start.ts';

export interface EngineRequest {
  id: number;
  texts: readonly string[];
}

export type EngineAnswer = { id: number; findings: SecretFinding[][] } | { id: number; error: string };

/** Named like the engine's own error, so the caller's report says what failed. */
class EngineError extends Error {
  constructor(name: string) {
    super('the secret engine failed on its worker');
    this.name = name;
  }
}

// engine-worker.ts beside this file in the sources, engine-worker.js in the compiled package.
const thisFile = fileURLToPath(import.meta.url);
const workerFile = path.join(path.dirname(thisFile), `engine-worker${path.extname(thisFile)}`);

interface Pending {
  texts: readonly string[];
  resolve: (findings: SecretFinding[][]) => void;
  reject: (error: Error) => void;
}

let early: WorkerEngine | undefined;

/** Starts a worker before the caller's own modules load (the CLI's `check`); validate() takes it. */
export function startWorkerEngineEarly(): void {
  early ??= new WorkerEngine();
}

/** The worker started early, once; else a new one. */
export function takeWorkerEngine(): WorkerEngine {
  const engine = early ?? new WorkerEngine();
  early = undefined;
  return engine;
}

/**
 * One worker, started at once (it loads the engine while the caller reads the content), answering
 * scans in the order they are asked. The owner must `close()` it (it keeps the process alive);
 * a scan asked after that runs here.
 */
export class WorkerEngine implements SecretEngine {
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | undefined;
  #nextId = 1;

  constructor() {
    try {
      this.#worker = startWorker(workerFile);
    } catch {
      return;
    }
    this.#worker.on('message', (answer: EngineAnswer) => {
      const pending = this.#pending.get(answer.id);
      if (!pending) return;
      this.#pending.delete(answer.id);
      if ('error' in answer) pending.reject(new EngineError(answer.error));
      else pending.resolve(answer.findings);
    });
    // An error ends the worker ('exit' follows): what it had not answered is scanned here.
    this.#worker.on('error', () => {});
    this.#worker.on('exit', () => {
      this.#worker = undefined;
      const left = [...this.#pending.values()];
      this.#pending.clear();
      for (const pending of left) scanHere(pending.texts).then(pending.resolve, pending.reject);
    });
  }

  /**
   * Hands the texts over in parts of about PART_CHARS, at most two parts waiting at a time: the
   * worker holds a copy of only what it is scanning, not of all the content at once.
   */
  async scan(texts: readonly string[]): Promise<SecretFinding[][]> {
    const parts = partsOf(texts);
    const results = new Array<SecretFinding[][]>(parts.length);
    const waiting: Promise<void>[] = [];
    // The first failure is the scan's; the parts after it are not asked.
    let failure: { error: unknown } | undefined;
    for (const [index, part] of parts.entries()) {
      if (waiting.length >= 2) await waiting.shift();
      if (failure) break;
      waiting.push(
        this.#scanPart(part).then(
          (findings) => void (results[index] = findings),
          (error: unknown) => void (failure ??= { error }),
        ),
      );
    }
    await Promise.all(waiting);
    if (failure) throw failure.error;
    return results.flat();
  }

  #scanPart(texts: readonly string[]): Promise<SecretFinding[][]> {
    const worker = this.#worker;
    if (!worker) return scanHere(texts);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { texts, resolve, reject });
      worker.postMessage({ id, texts } satisfies EngineRequest);
    });
  }

  close(): void {
    void this.#worker?.terminate();
  }
}

/** Characters handed to the worker at a time. */
const PART_CHARS = 8 * 1024 * 1024;

function partsOf(texts: readonly string[]): (readonly string[])[] {
  const parts: string[][] = [];
  let part: string[] = [];
  let chars = 0;
  for (const text of texts) {
    if (part.length > 0 && chars + text.length > PART_CHARS) {
      parts.push(part);
      part = [];
      chars = 0;
    }
    part.push(text);
    chars += text.length;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

async function scanHere(texts: readonly string[]): Promise<SecretFinding[][]> {
  return (await loadSecretEngine()).scan(texts);
}
