// `check` runs on every save, in hooks and in every CI job: it loads only what a run needs. The
// process is run whole with a loader hook that records every module the main thread loads.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeContent, projectRoot } from './helpers/fixtures.ts';
import { runProcess } from './helpers/run.ts';

const recorder = `import { registerHooks, isBuiltin } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
const loaded = [];
registerHooks({ load(url, context, next) { if (!isBuiltin(url)) loaded.push(url); return next(url, context); } });
if (isMainThread) process.on('exit', () => writeFileSync(process.env.LOADED_MODULES_FILE, loaded.join('\\n')));`;

async function modulesLoadedBy(args: string[]): Promise<{ code: number | null; modules: string[] }> {
  const listing = path.join(mkdtempSync(path.join(tmpdir(), 'check-modules-')), 'loaded.txt');
  const bin = path.join(projectRoot, 'bin/decision-packet.js');
  const result = await runProcess(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(recorder)}`, bin, ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PACKET_CONTENT_DIR: makeContent(), LOADED_MODULES_FILE: listing },
  });
  const root = projectRoot.endsWith('/') ? projectRoot : `${projectRoot}/`;
  const modules = readFileSync(listing, 'utf8')
    .split('\n')
    .map((url) => decodeURIComponent(url.replace(`file://${root}`, '')));
  return { code: result.code, modules };
}

describe('what `check` loads', () => {
  it('a plain check loads nothing of Astro, the renderer, the site or the --base review', async () => {
    const { code, modules } = await modulesLoadedBy(['check']);
    expect(code).toBe(0);
    expect(modules).toContain('src/validate/validate.ts');
    // astro/zod is Astro's one-line re-export of zod (the schemas' zod is Astro's own): allowed.
    const astro = modules.filter((file) => file.startsWith('node_modules/astro/') && file !== 'node_modules/astro/dist/zod.js');
    expect(astro).toEqual([]);
    const renderer = ['src/site/', 'src/components/', 'src/integration/', 'src/routes/', 'src/layouts/'];
    expect(modules.filter((file) => renderer.some((folder) => file.startsWith(folder)))).toEqual([]);
    const review = ['src/diff/compare.ts', 'src/diff/change-rules.ts', 'src/governing/review-section.ts', 'src/git/tree-reader.ts'];
    expect(modules.filter((file) => review.includes(file))).toEqual([]);
    expect(modules.filter((file) => /node_modules\/(pagefind|@astrojs|vite|@modelcontextprotocol)\//.test(file))).toEqual([]);
    // remark and micromark under it: loaded only for a body Sätteri might parse otherwise (none here).
    expect(
      modules.filter((file) => /node_modules\/(remark-[a-z-]+|micromark[a-z-]*|unified|mdast-util-from-markdown)\//.test(file)),
    ).toEqual([]);
  });
});
