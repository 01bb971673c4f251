// Makes the README's screenshots (docs/screenshots/): the seed packet and an ADR page, built from
// the shipped content and examples/adr, served locally and taken with the test browser. Run with
// `node scripts/readme-screenshots.ts`; it prints each page's height at 1280 px as it goes.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../test/helpers/fixtures.ts';
import { makeBuildDir, runCli } from '../test/helpers/run.ts';
import { serveStatic } from '../test/helpers/static-server.ts';
import { launchTestBrowser } from '../test/helpers/test-browser.ts';

const shots = [
  { site: 'seed', page: '/packets/cto-work-020/', file: 'packet.png' },
  { site: 'adr', page: '/packets/adr-0002/', file: 'packet-adr.png' },
];
const today = '2026-11-24';

async function build(work: string, name: string, content?: string): Promise<string> {
  const out = path.join(work, name, 'dist');
  const env = { PACKET_TODAY: today, PACKET_OUT_DIR: out, PACKET_CACHE_DIR: path.join(work, name, 'cache') };
  const result = await runCli('build', [], content ? { ...env, PACKET_CONTENT_DIR: content } : env);
  if (result.code !== 0) throw new Error(`build of ${name} exited ${result.code}:\n${result.stderr}`);
  return out;
}

const work = makeBuildDir('screenshots');
try {
  const adrContent = path.join(work, 'adr-content');
  cpSync(path.join(projectRoot, 'examples/adr'), adrContent, { recursive: true });
  const outs = { seed: await build(work, 'seed'), adr: await build(work, 'adr', adrContent) };
  const target = path.resolve(projectRoot, process.argv[2] ?? 'docs/screenshots');
  mkdirSync(target, { recursive: true });
  const browser = await launchTestBrowser();
  for (const shot of shots) {
    const server = await serveStatic(outs[shot.site as keyof typeof outs]);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.origin}${shot.page}`, { waitUntil: 'load' });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`${shot.page} (${shot.site}): ${height} px at 1280 px`);
    await page.screenshot({ path: path.join(target, shot.file) });
    await page.close();
    await server.close();
  }
  await browser.close();
} finally {
  rmSync(work, { recursive: true, force: true });
}
