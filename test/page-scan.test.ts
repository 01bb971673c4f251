// The page scan: pages handed over as they render are scanned on a worker thread, with a bound on
// what waits for it, and each verdict is exactly what the output scan gives the same bytes.
import { describe, expect, it } from 'vitest';
import { PageScan } from '../src/secrets/page-scan.ts';
import { contentHash, createBytesScanner } from '../src/secrets/scan-output.ts';
import { fake, mixed } from './helpers/fake-secrets.ts';

const page = (body: string) =>
  Buffer.from(
    `<!doctype html><html lang="en"><head><title>Page</title></head><body>\n<main><h1>Page</h1>\n<p>${body}</p></main></body></html>`,
  );

describe('the page scan', () => {
  it('gives each page the verdict the output scan gives its bytes (shapes and known values), on a worker', async () => {
    const known = mixed(32);
    const pages = [
      page('Decision packets'),
      page(`token ${fake.github()}`),
      page(`note ${JSON.stringify(known)}`),
      page(`key ${fake.awsKeyId()} and ${fake.anthropic()}`),
      Buffer.concat([Buffer.from([0x89, 0x50, 0, 0]), Buffer.from(known)]),
    ];
    const scan = new PageScan([known]);
    for (const bytes of pages) await scan.submit(bytes);
    const verdicts = await scan.finish();
    const expected = await (await createBytesScanner([known])).scan(pages);
    expect(verdicts.size).toBe(pages.length);
    pages.forEach((bytes, index) => {
      expect(verdicts.get(contentHash(bytes)), `page ${index}`).toEqual(expected[index]);
    });
    expect(expected.filter((verdict) => verdict.length > 0)).toHaveLength(4);
    expect(expected[1]).toEqual([expect.objectContaining({ ruleId: 'DP603', line: 3, column: 10 })]);
  });

  it('keeps what waits for the worker within its bound: a page waits to be handed over until there is room', async () => {
    const bound = 64 * 1024;
    const scan = new PageScan([], { maxPendingBytes: bound, batchBytes: 16 * 1024 });
    const pages = Array.from({ length: 60 }, (_, index) => page(`page ${index} ${'text '.repeat(1500)}`));
    let highest = 0;
    for (const bytes of pages) {
      await scan.submit(bytes);
      highest = Math.max(highest, scan.pendingBytes);
      expect(scan.pendingBytes).toBeLessThanOrEqual(bound);
    }
    expect(highest).toBeGreaterThan(bound / 2);
    const verdicts = await scan.finish();
    expect(verdicts.size).toBe(pages.length);
    expect(scan.pendingBytes).toBe(0);
  });
});
