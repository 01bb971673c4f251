// The integration's build-done hook: Pagefind indexes the built pages while they are scanned for
// secrets and writes its index beside the output meanwhile; the index is moved in and scanned
// too, and a secret anywhere (a page or the index) removes the whole output and fails the build.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { decisionPacket, PublishFailedError } from '../src/integration/decision-packet.ts';
import type { Prerenderer } from '../src/integration/scanning-prerenderer.ts';
import { makeContent, projectRoot } from './helpers/fixtures.ts';
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

/** A page's file from its request path, as Astro writes it (directory format): /a/ → a/index.html. */
const fileOf = (pathname: string) => `${pathname.slice(1)}index.html`;

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><title>Page</title></head><body><main data-pagefind-body><h1>Page</h1><p>${body}</p></main></body></html>`;

describe('the build-done hook', () => {
  // Valid content (the base and the shipped kinds): the hook writes its machine-readable files.
  const content = makeContent();
  const dirs: string[] = [path.dirname(content)];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** The integration with its options, after astro:config:setup (Astro runs that hook first). */
  function setUpIntegration() {
    const integration = decisionPacket({ content, today: '2026-11-24' });
    const setup = integration.hooks['astro:config:setup'] as unknown as (options: Record<string, unknown>) => void;
    setup({
      command: 'build',
      config: {
        base: '/',
        root: pathToFileURL(`${process.cwd()}/`),
        srcDir: pathToFileURL(`${projectRoot}src/`),
        publicDir: pathToFileURL(`${projectRoot}public/`),
        integrations: [],
        build: { concurrency: 1 },
      },
      updateConfig: () => undefined,
      injectRoute: () => undefined,
    });
    return integration;
  }
  const done = setUpIntegration().hooks['astro:build:done'] as unknown as Done;

  /**
   * A build as Astro runs it: astro:build:start (the page scan wraps Astro's prerenderer), each
   * page rendered through the wrapper and its bytes written (`write` may change them), then
   * astro:build:done. Returns the output folder and the error the build ended with.
   */
  async function buildThroughHooks(
    pages: Record<string, string>,
    write: (file: string, bytes: Uint8Array) => Uint8Array = (_file, bytes) => bytes,
  ) {
    const integration = setUpIntegration();
    const dir = builtSite({});
    dirs.push(dir);
    await (
      integration.hooks['astro:config:done'] as unknown as (options: {
        config: { adapter?: unknown; outDir: URL; build: { format: string } };
      }) => Promise<void>
    )({ config: { outDir: pathToFileURL(`${dir}/`), build: { format: 'directory' } } });
    let wrap: ((inner: Prerenderer) => Prerenderer) | undefined;
    await (integration.hooks['astro:build:start'] as unknown as (options: { setPrerenderer: (value: unknown) => void }) => Promise<void>)({
      setPrerenderer: (value) => (wrap = value as typeof wrap),
    });
    expect(wrap).toBeTypeOf('function');
    const inner: Prerenderer = {
      name: 'test',
      getStaticPaths: () => Promise.resolve([]),
      render: (request) =>
        Promise.resolve(new Response(pages[fileOf(new URL(request.url).pathname)], { headers: { 'Content-Type': 'text/html' } })),
    };
    const prerenderer = wrap!(inner);
    for (const file of Object.keys(pages)) {
      const rendered = await prerenderer.render(new Request(`http://localhost/${file.replace(/index\.html$/, '')}`), {
        routeData: { type: 'page' } as never,
      });
      const response = rendered instanceof Response ? rendered : rendered.response;
      const bytes = write(file, new Uint8Array(await response.arrayBuffer()));
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), bytes);
    }
    const error = await (integration.hooks['astro:build:done'] as unknown as Done)({ dir: pathToFileURL(`${dir}/`) }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    return { dir, error };
  }

  /** The refusal's text with the output folder's path made the same for every build. */
  const refusal = (error: unknown, dir: string) => (error as Error).message.split(path.relative(process.cwd(), dir)).join('<out>');

  it('refuses a secret in a rendered page (a template) and in the index with the same issues as a scan of every file after the build', async () => {
    const pages = {
      'index.html': page('Decision packets'),
      'a/index.html': page(`token ${fake.github()}`),
      'b/index.html': page(`key ${fake.awsKeyId()}`),
    };
    const scanned = await buildThroughHooks(pages);
    expect(scanned.error).toBeInstanceOf(PublishFailedError);
    expect(existsSync(scanned.dir)).toBe(false);
    // The same files, scanned only after the build (no astro:build:start: nothing was scanned as it rendered).
    const after = builtSite(pages);
    dirs.push(after);
    const error = await done({ dir: pathToFileURL(`${after}/`) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PublishFailedError);
    expect(refusal(scanned.error, scanned.dir)).toBe(refusal(error, after));
    expect(refusal(error, after)).toMatch(/<out>\/a\/index\.html:\d+:\d+: DP603/);
    expect(refusal(error, after)).toMatch(/<out>\/b\/index\.html:\d+:\d+: DP603/);
    expect(refusal(error, after)).toMatch(/<out>\/pagefind\/\S+: DP603/);
  });

  it('scans a file again when its bytes are not those that were scanned as it rendered', async () => {
    const pages = { 'index.html': page('Decision packets'), 'a/index.html': page('Another page') };
    const secret = fake.github();
    const { dir, error } = await buildThroughHooks(pages, (file, bytes) =>
      file === 'a/index.html' ? Buffer.from(page(`token ${secret}`)) : bytes,
    );
    expect(error).toBeInstanceOf(PublishFailedError);
    expect(refusal(error, dir)).toMatch(/<out>\/a\/index\.html:\d+:\d+: DP603/);
    expect((error as Error).message).not.toContain(secret);
  });

  it('publishes clean pages rendered through the page scan, with the index and the machine-readable files', async () => {
    const { dir, error } = await buildThroughHooks({ 'index.html': page('Decision packets'), 'a/index.html': page('Another page') });
    expect(error).toBeUndefined();
    expect(existsSync(path.join(dir, 'pagefind/pagefind.js'))).toBe(true);
    expect(existsSync(path.join(dir, 'packets.json'))).toBe(true);
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

  it('refuses a secret that only the search index holds (Pagefind joins the text of inline elements), through the hooks', async () => {
    // The page's bytes hold the key split by tags (no scanner matches it there); Pagefind's
    // record of the page holds it whole. The index is scanned as it is written: DP603 on it.
    const key = fake.awsKeyId();
    const { dir, error } = await buildThroughHooks({
      'index.html': page(`key <span>${key.slice(0, 8)}</span><span>${key.slice(8)}</span>`),
    });
    expect(error).toBeInstanceOf(PublishFailedError);
    expect(refusal(error, dir)).toMatch(/<out>\/pagefind\/fragment\/\S+: DP603/);
    expect(refusal(error, dir)).not.toMatch(/<out>\/index\.html/);
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a secret only a shard of the index holds, the shard written while the pages still render', async () => {
    // One page a shard: the first shards are written (and scanned) as the later pages render.
    const key = fake.awsKeyId();
    process.env.PACKET_SEARCH_SHARD_PAGES = '1';
    try {
      const pages = {
        'index.html': page('Decision packets'),
        'a/index.html': page('Another page'),
        'b/index.html': page(`key <span>${key.slice(0, 8)}</span><span>${key.slice(8)}</span>`),
      };
      const { dir, error } = await buildThroughHooks(pages);
      expect(error).toBeInstanceOf(PublishFailedError);
      expect(refusal(error, dir)).toMatch(/<out>\/pagefind\/shard-2\/fragment\/\S+: DP603/);
      expect(refusal(error, dir)).not.toMatch(/<out>\/pagefind\/(?:shard-1\/)?fragment/);
      expect(existsSync(dir)).toBe(false);
      expect(existsSync(`${dir}.pagefind-staging`)).toBe(false);
    } finally {
      delete process.env.PACKET_SEARCH_SHARD_PAGES;
    }
  });

  it('removes the output and fails when the search index holds a secret (it is scanned after it is written)', async () => {
    // The page holds the secret and so does the index Pagefind writes from it (gzipped): both
    // are reported, which shows the index is scanned after it is written.
    const secret = fake.awsKeyId();
    const dir = builtSite({ 'index.html': page(`key ${secret}`) });
    dirs.push(dir);
    const error = await done({ dir: pathToFileURL(`${dir}/`) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PublishFailedError);
    expect((error as Error).message).toContain('pagefind');
    expect(existsSync(dir)).toBe(false);
  });
});
