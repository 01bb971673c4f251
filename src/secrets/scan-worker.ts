// A worker thread of the page scan (page-scan.ts): scans the batches of page bytes it is sent with
// the output scan's own bytes scanner, one batch at a time, and answers each batch with a verdict
// per page. A batch the real engine could not scan is answered `failed`: the page scan then leaves
// those pages to the check after the build, which scans them on the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { createBytesScanner } from './scan-output.ts';
import type { ScanBatch, ScanAnswer } from './page-scan.ts';

const scanner = createBytesScanner((workerData as { secrets: string[] }).secrets);
// Warm up (secretlint compiles its rules on the first text) before the first page arrives.
let queue: Promise<void> = scanner
  .then((ready) => ready.scan([new TextEncoder().encode('warm-up')]))
  .then(
    () => undefined,
    () => undefined,
  );

parentPort!.on('message', (batch: ScanBatch) => {
  queue = queue.then(async () => {
    const ready = await scanner;
    const verdicts = await ready.scan(batch.items.map((item) => item.bytes));
    const answer: ScanAnswer =
      ready.failure === undefined
        ? { id: batch.id, verdicts: batch.items.map((item, index) => ({ hash: item.hash, verdict: verdicts[index]! })) }
        : { id: batch.id, failed: true };
    parentPort!.postMessage(answer);
  });
});
