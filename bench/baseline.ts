// The bare Astro baselines: minimal Astro projects, generated in a temporary folder, with nothing
// of ours: the plain glob() loader, Astro's default markdown processor, no integrations, no
// schema, no search, trivial page templates and an index. `prds` renders one page per PRD (the
// first baseline); `all-pages` renders every page the packet site has per item: a page per packet
// (its PRD and its decision's fields), per work item and per evidence reference.
// Each uses this project's node_modules (a symbolic link), so it runs the very same Astro.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './measure.ts';

export const astroCli = path.join(projectRoot, 'node_modules/astro/bin/astro.mjs');

export type BaselineVariant = 'prds' | 'all-pages';

const prdFiles: Record<string, string> = {
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

/** A page per record of a collection: its title and every field, as text. */
const recordPage = (collection: string) => `---
import { getCollection } from 'astro:content';
export async function getStaticPaths() {
  return (await getCollection('${collection}')).map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}
const { entry } = Astro.props;
const text = (value) => (typeof value === 'string' ? value : JSON.stringify(value));
---
<html lang="en"><head><meta charset="utf-8" /><title>{text(entry.data.title ?? entry.id)}</title></head>
<body><main><h1>{text(entry.data.title ?? entry.id)}</h1>
<dl>{Object.entries(entry.data).map(([key, value]) => <><dt>{key}</dt><dd>{text(value)}</dd></>)}</dl></main></body></html>
`;

const allPagesFiles: Record<string, string> = {
  'package.json': prdFiles['package.json']!,
  'astro.config.mjs': prdFiles['astro.config.mjs']!,
  'src/content.config.ts': `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

const base = process.env.BASELINE_CONTENT_DIR;
export const collections = {
  prds: defineCollection({ loader: glob({ pattern: '*.md', base: base + '/prds' }) }),
  decisions: defineCollection({ loader: glob({ pattern: ['*.yaml', '!*.approvals.yaml'], base: base + '/decisions' }) }),
  workItems: defineCollection({ loader: glob({ pattern: '*.yaml', base: base + '/work-items' }) }),
  evidence: defineCollection({ loader: glob({ pattern: '*.yaml', base: base + '/evidence' }) }),
};
`,
  'src/pages/index.astro': `---
import { getCollection } from 'astro:content';
const decisions = (await getCollection('decisions')).sort((a, b) => (a.id < b.id ? -1 : 1));
---
<html lang="en"><head><meta charset="utf-8" /><title>Packets</title></head>
<body><h1>Packets</h1><ul>{decisions.map((entry) => <li><a href={\`/packets/\${entry.id}/\`}>{entry.id}</a></li>)}</ul></body></html>
`,
  'src/pages/packets/[id].astro': `---
import { getCollection, render } from 'astro:content';
export async function getStaticPaths() {
  const prds = new Map((await getCollection('prds')).map((prd) => [prd.id, prd]));
  return (await getCollection('decisions')).map((entry) => ({ params: { id: entry.id }, props: { entry, prd: prds.get(String(entry.data.prd)) } }));
}
const { entry, prd } = Astro.props;
const { Content } = await render(prd);
const text = (value) => (typeof value === 'string' ? value : JSON.stringify(value));
---
<html lang="en"><head><meta charset="utf-8" /><title>{entry.id} — {prd.data.title}</title></head>
<body><main><h1>{prd.data.title}</h1>
<dl>{Object.entries(entry.data).map(([key, value]) => <><dt>{key}</dt><dd>{text(value)}</dd></>)}</dl>
<Content /></main></body></html>
`,
  'src/pages/work-items/[id].astro': recordPage('workItems'),
  'src/pages/evidence/[id].astro': recordPage('evidence'),
};

const variants: Record<BaselineVariant, Record<string, string>> = { prds: prdFiles, 'all-pages': allPagesFiles };

/** Writes a baseline project into `dir` and returns it. Build it with `astro build --root <dir>`. */
export function createBaselineProject(dir: string, variant: BaselineVariant = 'prds'): string {
  for (const [relative, text] of Object.entries(variants[variant])) {
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
