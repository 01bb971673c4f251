// The bare Astro baseline: a minimal Astro project, generated in a temporary folder, that renders
// the same PRD pages as the packet site with nothing of ours: the plain glob() loader, Astro's
// default markdown processor, no integrations, no schema, one trivial page template and an index.
// It uses this project's node_modules (a symbolic link), so it runs the very same Astro.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './measure.ts';

export const astroCli = path.join(projectRoot, 'node_modules/astro/bin/astro.mjs');

const files: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'bare-astro-baseline', private: true, type: 'module' }, null, 2)}\n`,
  'astro.config.mjs': `import { defineConfig } from 'astro/config';

// Where the output and caches go is set per run, so runs never share a cache.
export default defineConfig({
  outDir: process.env.BASELINE_OUT_DIR,
  cacheDir: process.env.BASELINE_CACHE_DIR,
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  vite: { cacheDir: process.env.BASELINE_CACHE_DIR + '/vite' },
});
`,
  'src/content.config.ts': `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

export const collections = {
  prds: defineCollection({ loader: glob({ pattern: '*.md', base: process.env.BASELINE_CONTENT_DIR + '/prds' }) }),
};
`,
  'src/pages/index.astro': `---
import { getCollection } from 'astro:content';
const prds = (await getCollection('prds')).sort((a, b) => (a.id < b.id ? -1 : 1));
---
<html lang="en"><head><meta charset="utf-8" /><title>PRDs</title></head>
<body><h1>PRDs</h1><ul>{prds.map((prd) => <li><a href={\`/prds/\${prd.id}/\`}>{prd.data.title}</a></li>)}</ul></body></html>
`,
  'src/pages/prds/[id].astro': `---
import { getCollection, render } from 'astro:content';
export async function getStaticPaths() {
  return (await getCollection('prds')).map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}
const { entry } = Astro.props;
const { Content } = await render(entry);
---
<html lang="en"><head><meta charset="utf-8" /><title>{entry.data.title}</title></head>
<body><main><h1>{entry.data.title}</h1><Content /></main></body></html>
`,
};

/** Writes the baseline project into `dir` and returns it. Build it with `astro build --root <dir>`. */
export function createBaselineProject(dir: string): string {
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), text);
  }
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** The arguments and environment of one baseline build. */
export function baselineBuild(
  dir: string,
  contentDir: string,
  outDir: string,
  cacheDir: string,
): { args: string[]; env: Record<string, string> } {
  return {
    args: [astroCli, 'build', '--root', dir, '--silent'],
    env: { BASELINE_CONTENT_DIR: contentDir, BASELINE_OUT_DIR: outDir, BASELINE_CACHE_DIR: cacheDir, ASTRO_TELEMETRY_DISABLED: '1' },
  };
}
