// The layers of src/ (docs/architecture.md): the checker never imports the renderer, markdown
// holds no HTML, and the renderer's side reaches the checker only through src/build-gate/. A static scan of the
// import specifiers of every source file, resolved to the folder they point into.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = path.resolve(import.meta.dirname, '../src');

interface Import {
  /** The importing file, relative to src/ (`gates/criterion-anchors.ts`). */
  file: string;
  /** The imported module: relative to src/ when it is one of ours, else the package specifier. */
  target: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.(ts|mts|js|mjs|astro)$/.test(name) ? [file] : [];
  });
}

/** `import … from 'x'`, `export … from 'x'`, `import 'x'` and `import('x')`, with either quote. */
const specifier = /(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"\n]+)\1/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const from = path.relative(srcDir, file).split(path.sep).join('/');
  return [...text.matchAll(specifier)].map((match) => {
    const spec = match[2]!;
    if (!spec.startsWith('.')) return { file: from, target: spec };
    const resolved = path.relative(srcDir, path.resolve(path.dirname(file), spec));
    return { file: from, target: resolved.split(path.sep).join('/') };
  });
}

const allImports = sourceFiles(srcDir).flatMap(importsOf);

const under = (folders: readonly string[]) => (file: string) => folders.some((folder) => file.startsWith(`${folder}/`));

/** Imports from files under `from` into folders under `into`, as `file -> target`. */
function crossings(from: readonly string[], into: readonly string[]): string[] {
  return allImports
    .filter((entry) => under(from)(entry.file) && under(into)(entry.target))
    .map((entry) => `${entry.file} -> ${entry.target}`);
}

const checker = ['gates', 'rules', 'secrets', 'validate', 'diff', 'markdown', 'reader', 'kinds'];
const renderer = ['site', 'integration', 'components', 'routes'];

/** The renderer's side: the site, the integration, a host site's ways in, and the pages. */
const rendererSide = ['site', 'integration', 'loader', 'starlight', 'host-routes', 'components', 'routes', 'layouts'];
/** The checker's machinery, which the renderer's side reaches only through src/build-gate/. */
const machinery = ['gates', 'secrets', 'validate', 'diff'];

describe('the layers of src/', () => {
  it('finds the imports it judges', () => {
    const gateToMarkdown = (entry: Import) => entry.file === 'rules/dp210-criterion-anchor.ts' && entry.target === 'markdown/criteria.ts';
    expect(allImports.some(gateToMarkdown)).toBe(true);
  });

  it('reader, kinds, gates, rules, secrets, validate, diff and markdown import nothing of the site', () => {
    expect(crossings(checker, renderer)).toEqual([]);
  });

  it('markdown renders no HTML: no rehype, hast or mdast-to-hast in src/markdown/', () => {
    const html = /^(rehype|hast|remark-rehype|mdast-util-to-hast)/;
    const found = allImports.filter((entry) => entry.file.startsWith('markdown/') && html.test(entry.target));
    expect(found.map((entry) => `${entry.file} -> ${entry.target}`)).toEqual([]);
  });

  it('the site, the integration, the loaders and the pages import nothing of gates, secrets, validate or diff', () => {
    // Type imports count: a type that both sides read belongs in core/.
    expect([...new Set(crossings(rendererSide, machinery))].sort()).toEqual([]);
  });

  it('the build reaches the checker through src/build-gate/ only, which reaches nothing of the renderer', () => {
    const toFacade = allImports.filter((entry) => entry.target.startsWith('build-gate/'));
    expect([...new Set(toFacade.map((entry) => entry.file.split('/')[0]))].sort()).toEqual(['integration']);
    expect(crossings(['build-gate'], rendererSide)).toEqual([]);
  });

  it("uses Astro's documented API only: nothing of astro/runtime/ or astro/dist/ is imported at run time", () => {
    const internal = /^astro\/(runtime|dist)\//;
    const lines = (file: string) => readFileSync(path.join(srcDir, file), 'utf8').split('\n');
    const typeOnly = (entry: Import) =>
      lines(entry.file)
        .filter((line) => line.includes(`'${entry.target}'`) || line.includes(`"${entry.target}"`))
        .every((line) => /^\s*import type /.test(line));
    const found = allImports
      .filter((entry) => internal.test(entry.target) && !typeOnly(entry))
      .map((entry) => `${entry.file} -> ${entry.target}`);
    expect(found).toEqual([]);
  });
});
