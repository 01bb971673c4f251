// The secret engine on a worker thread finds what the engine on this thread finds, text by text,
// also when the texts are handed over in several parts.
import { describe, expect, it } from 'vitest';
import { WorkerEngine } from '../src/secrets/engine-on-worker.ts';
import { loadSecretEngine } from '../src/secrets/engine.ts';
import { fake, pick } from './helpers/fake-secrets.ts';

describe('the secret engine on a worker', () => {
  it('gives the same findings per text as the engine here, over more than one part (9 MB)', async () => {
    const filler = pick(4000, 'abcdefgh ijklmnop\n');
    const texts = Array.from({ length: 2500 }, (_, index) =>
      index % 100 === 0 ? `${filler}\ntoken: ${fake.github()}\n` : index % 150 === 0 ? `key ${fake.awsKeyId()}` : filler,
    );
    expect(texts.reduce((sum, text) => sum + text.length, 0)).toBeGreaterThan(9 * 1024 * 1024);
    const onWorker = new WorkerEngine();
    try {
      const [theirs, ours] = await Promise.all([onWorker.scan(texts), loadSecretEngine().then((engine) => engine.scan(texts))]);
      expect(theirs).toHaveLength(texts.length);
      expect(theirs).toEqual(ours);
      expect(theirs.filter((findings) => findings.length > 0).length).toBeGreaterThanOrEqual(30);
    } finally {
      onWorker.close();
    }
  });

  it('scans here once closed', async () => {
    const onWorker = new WorkerEngine();
    onWorker.close();
    const [findings] = await onWorker.scan([`x ${fake.github()}`]);
    expect(findings?.map((finding) => finding.kind)).toContain('a GitHub token');
  });
});
