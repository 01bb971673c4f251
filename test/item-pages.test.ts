// Packet, work-item and evidence pages written in batches (src/site/item-pages.ts) are the very bytes
// Astro renders for each page on its own, and each batch is written as pages, never as a file.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateContent } from '../bench/generate-content.ts';
import { itemPage, pageBreak, shellProps, splitBatchPage, type PageProps } from '../src/site/item-pages.ts';
import { projectRoot } from './helpers/fixtures.ts';
import { makeBuildDir, runCli, runProcess } from './helpers/run.ts';

function digest(root: string): Map<string, string> {
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
  return new Map(
    files.map((file) => [
      file,
      createHash('sha256')
        .update(readFileSync(path.join(root, file)))
        .digest('hex'),
    ]),
  );
}

describe('a batch page', () => {
  const shell = shellProps('work-items');
  const html = `<head><title>${shell.title} · Site</title><meta content="${shell.description}"><link href="https://example.org/${shell.path}"></head><main>${pageBreak}<p>one</p>${pageBreak}<p>two</p>${pageBreak}</main>`;

  it("is split into its items' contents, and each page is the shell with that item's props, escaped as Astro escapes text and attributes", () => {
    const page = splitBatchPage(html, 2);
    expect(page.contents).toEqual(['<p>one</p>', '<p>two</p>']);
    const props: PageProps = { title: `A & B <"c"> 'd'`, description: `x & "y" <z>`, path: 'work-items/W-1/', searchType: 'Work item' };
    expect(itemPage(page, props, page.contents[1]!)).toBe(
      `<head><title>A &amp; B &lt;&quot;c&quot;&gt; &#39;d&#39; · Site</title><meta content="x &amp; &quot;y&quot; <z>"><link href="https://example.org/work-items/W-1/"></head><main><p>two</p></main>`,
    );
  });

  it('with a page break too many or too few is refused', () => {
    expect(() => splitBatchPage(html, 3)).toThrow(/2 page break|3 page break/);
    expect(() => splitBatchPage(html, 1)).toThrow(/3 page break/);
  });
});

describe('item pages written in batches', () => {
  it('are byte-identical to the pages Astro renders one by one, with several batches, a published origin and a base path', async () => {
    const dir = makeBuildDir('item-pages');
    // 130 packets: over 260 work items and 260 evidence references, batches of 100 (two of packets, three of the others).
    const content = generateContent(path.join(dir, 'content-repo'), 130);
    const env = {
      PACKET_CONTENT_DIR: content.contentDir,
      PACKET_SITE: 'https://example.org',
      PACKET_BASE: '/repo/',
      PACKET_TODAY: '2026-11-24',
      SOURCE_DATE_EPOCH: '1795000000',
    };
    const batched = path.join(dir, 'batched');
    const result = await runCli('build', [], {
      ...env,
      PACKET_OUT_DIR: batched,
      PACKET_CACHE_DIR: path.join(dir, 'cache-a'),
      PACKET_TIMINGS: '1',
    });
    expect(result.code).toBe(0);
    for (const batch of ['packets 0', 'packets 1', 'work-items 0', 'work-items 2', 'evidence 0', 'evidence 2'])
      expect(result.stderr).toContain(`decision-packet timing: item pages ${batch} `);

    const single = path.join(dir, 'single');
    const reference = await runProcess(process.execPath, ['test/helpers/build-unbatched.ts'], {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...env,
        PACKET_OUT_DIR: single,
        PACKET_CACHE_DIR: path.join(dir, 'cache-b'),
        PACKET_TIMINGS: '1',
      },
    });
    expect(reference.code).toBe(0);
    // The reference really rendered each page on its own.
    expect(reference.stderr).toContain('decision-packet timing: astro:build:done ');
    expect(reference.stderr).not.toContain('item pages');

    const [ours, theirs] = [digest(batched), digest(single)];
    const items =
      readdirSync(path.join(content.contentDir, 'work-items')).length + readdirSync(path.join(content.contentDir, 'evidence')).length;
    expect(items).toBeGreaterThan(520);
    expect([...ours.keys()].filter((file) => /^(?:work-items|evidence)\/[^/]+\/index\.html$/.test(file))).toHaveLength(items);
    expect([...ours.keys()].filter((file) => /^packets\/[^/]+\/index\.html$/.test(file))).toHaveLength(130);
    expect([...ours.keys()]).toEqual([...theirs.keys()]);
    expect([...ours.keys()].filter((file) => ours.get(file) !== theirs.get(file))).toEqual([]);
    for (const folder of ['packets', 'work-items', 'evidence']) expect(existsSync(path.join(batched, folder, '_batch-0'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
