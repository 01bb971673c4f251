// `npm run compile`, after tsc: the `check` command as a few bundled files in lib/check/, which is
// what the executable runs for the installed package. Unbundled, `check` makes Node resolve, read
// and link about 480 modules before it reads a file; bundled, about 50. Only `check` (and the
// usage text) is bundled: every other command stays tsc's lib/cli/<command>.js, loaded from the
// bundle's entry as before. The pure-JavaScript dependencies check uses (zod, yaml, secretlint,
// picomatch, …) are bundled with it: check's copy is its own, the other commands use the
// installed packages. Astro's packages stay external, and so does Sätteri: its JavaScript requires
// its platform's native addon package from where it lies, which a bundle in our folder may not
// resolve (a strict node_modules layout such as pnpm's). The parts check loads lazily (the --base
// review, the secret engine) stay separate files (code splitting), loaded only when a run needs
// them. The secret engine's worker entry is an entry of its own, beside the chunk that starts it
// (src/secrets/engine-on-worker.ts looks for it there).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const cliDir = path.join(root, 'src/cli');
/** What the bundle holds of src/cli/: the dispatch and `check` itself. */
const bundledCommands = new Set(['./check.ts', './exit.ts']);

// Each other command's module, imported by the dispatch, stays tsc's output: ../cli/<name>.js
// from lib/check/.
const otherCommandsFromLib: Plugin = {
  name: 'other-commands-from-lib',
  setup(bundle) {
    bundle.onResolve({ filter: /^\.\/[a-z-]+\.ts$/ }, (args) => {
      if (args.importer !== path.join(cliDir, 'main.ts') || bundledCommands.has(args.path)) return undefined;
      return { path: `../cli/${args.path.slice(2, -3)}.js`, external: true };
    });
  },
};

await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts', 'engine-worker': 'src/secrets/engine-worker.ts' },
  outdir: 'lib/check',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22.12',
  external: ['satteri', 'astro', '@astrojs/*', 'vite', 'pagefind', '@modelcontextprotocol/*'],
  // astro/zod is Astro's re-export of zod 4 (`export * from 'zod/v4'`, plus `z`): the same zod.
  alias: { 'astro/zod': 'zod/v4' },
  // Bundled CommonJS dependencies call require() for Node's built-ins: an ES module has none.
  banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
  plugins: [otherCommandsFromLib],
  logLevel: 'warning',
});
