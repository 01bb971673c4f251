// The integration's build-done hook: Pagefind indexes the built pages while they are scanned for
// secrets and writes its index beside the output meanwhile; the index is moved in and scanned
// too, and a secret anywhere (a page or the index) removes the whole output and fails the build.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { decisionPacket, PublishFailedError } from '../src/integration/decision-packet.ts';
import { makeContent } from './helpers/fixtures.ts';
import { fake } from './helpers/fake-secrets.ts';

type Done = (options: { dir: URL }) => Promise<void>;

function builtSite(pages: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'decision-packet-publish-'));
  for (const [file, text] of Object.entries(pages)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const page = (body: string) => `<!doctype html><html lang="en"><head><title>Page</title></head><body><main data-pagefind-body><h1>Page</h1><p>${body}</p></main></body></html>`;

describe('the build-done hook', () => {
  const previous = process.env.PACKET_CONTENT_DIR;
  // The base fixture with the shipped kinds: valid content, so only the pages decide.
  process.env.PACKET_CONTENT_DIR = makeContent();
  const done = decisionPacket().hooks['astro:build:done'] as unknown as Done;
  const dirs: string[] = [];
  afterAll(() => {
    if (previous === undefined) delete process.env.PACKET_CONTENT_DIR;
    else process.env.PACKET_CONTENT_DIR = previous;
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the search index for clean pages', async () => {
    const dir = builtSite({ 'index.html': page('Decision packets'), 'a/index.html': page('Another page') });
    dirs.push(dir);
    await done({ dir: pathToFileURL(`${dir}/`) });
    expect(existsSync(path.join(dir, 'pagefind/pagefind.js'))).toBe(true);
    expect(existsSync(`${dir}.pagefind-staging`)).toBe(false);
  });

  it('removes the output and fails when a page holds a secret', async () => {
    const dir = builtSite({ 'index.html': page('Decision packets'), 'a/index.html': page(`token ${fake.github()}`) });
    dirs.push(dir);
    await expect(done({ dir: pathToFileURL(`${dir}/`) })).rejects.toBeInstanceOf(PublishFailedError);
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(`${dir}.pagefind-staging`)).toBe(false);
  });

  it('removes the output and fails when the search index holds a secret (it is scanned after it is written)', async () => {
    // The page holds the secret and so does the index Pagefind writes from it (gzipped): both
    // are reported, which shows the index is scanned after it is written.
    const secret = fake.awsKeyId();
    const dir = builtSite({ 'index.html': page(`key ${secret}`) });
    dirs.push(dir);
    const error = await done({ dir: pathToFileURL(`${dir}/`) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PublishFailedError);
    expect(String((error as Error).message)).toContain('pagefind');
    expect(existsSync(dir)).toBe(false);
  });
});
