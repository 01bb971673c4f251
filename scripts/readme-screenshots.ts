// Makes the README's screenshots (docs/screenshots/): the seed packet and an ADR page, built from
// the shipped content and examples/adr, and the seed packet inside a Starlight docs site (the
// package packed and installed in a temporary site, as a team installs it; npm needs its registry
// or cache for Astro and Starlight). Served locally and taken with the test browser. Run with
// `node scripts/readme-screenshots.ts`; it prints each page's height at 1280 px as it goes.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../test/helpers/fixtures.ts';
import { makeBuildDir, runCli } from '../test/helpers/run.ts';
import { serveStatic } from '../test/helpers/static-server.ts';
import { launchTestBrowser } from '../test/helpers/test-browser.ts';

const shots = [
  { site: 'seed', page: '/packets/cto-work-020/', file: 'packet.png' },
  { site: 'adr', page: '/packets/adr-0002/', file: 'packet-adr.png' },
  { site: 'starlight', page: '/decisions/packets/cto-work-020/', file: 'packet-starlight.png' },
];
const today = '2026-11-24';

async function build(work: string, name: string, content?: string): Promise<string> {
  const out = path.join(work, name, 'dist');
  const env = { PACKET_TODAY: today, PACKET_OUT_DIR: out, PACKET_CACHE_DIR: path.join(work, name, 'cache') };
  const result = await runCli('build', [], content ? { ...env, PACKET_CONTENT_DIR: content } : env);
  if (result.code !== 0) throw new Error(`build of ${name} exited ${result.code}:\n${result.stderr}`);
  return out;
}

/** A Starlight docs site with the plugin over the shipped content, the package installed from its tarball. */
function buildStarlight(work: string): string {
  const site = path.join(work, 'starlight');
  mkdirSync(path.join(site, 'src/content/docs'), { recursive: true });
  const devDependencies = (
    JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
  ).devDependencies;
  const content = JSON.stringify(path.join(projectRoot, 'content'));
  writeFileSync(path.join(site, 'package.json'), '{ "name": "platform-docs", "private": true, "type": "module" }\n');
  writeFileSync(
    path.join(site, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\nimport { starlightDecisionPacket } from 'decision-packet';\n\n` +
      `export default defineConfig({ integrations: [starlight({ title: 'Platform docs', plugins: [starlightDecisionPacket({ content: ${content} })] })] });\n`,
  );
  writeFileSync(
    path.join(site, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';\nimport { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\n\nexport const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n`,
  );
  writeFileSync(path.join(site, 'src/content/docs/index.md'), '---\ntitle: Platform docs\n---\nHow the platform team works.\n');
  const run = (command: string, args: string[]) =>
    execFileSync(command, args, { cwd: site, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, PACKET_TODAY: today } });
  run('npm', ['pack', projectRoot, '--pack-destination', site]);
  const tarball = readdirSync(site).find((name) => name.endsWith('.tgz'))!;
  run('npm', [
    'install',
    '-D',
    `./${tarball}`,
    `@astrojs/starlight@${devDependencies['@astrojs/starlight']}`,
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
  ]);
  run(process.execPath, [path.join(site, 'node_modules/astro/bin/astro.mjs'), 'build']);
  return path.join(site, 'dist');
}

const work = makeBuildDir('screenshots');
try {
  const adrContent = path.join(work, 'adr-content');
  cpSync(path.join(projectRoot, 'examples/adr'), adrContent, { recursive: true });
  const outs = { seed: await build(work, 'seed'), adr: await build(work, 'adr', adrContent), starlight: buildStarlight(work) };
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
