#!/usr/bin/env node
// The `decision-packet` command. Plain JavaScript that any Node can parse (no newer syntax), so
// that a Node too old for the engine hears so plainly instead of a syntax or loader error.
// The engine itself is the package's compiled lib/ (Node never strips types under node_modules);
// in a development checkout without lib/, it is src/ run by the project's own Node 24.
import { existsSync } from 'node:fs';
import nodeModule from 'node:module';

var required = [22, 12];
var running = process.versions.node.split('.').map(Number);
if (running[0] < required[0] || (running[0] === required[0] && running[1] < required[1])) {
  process.stderr.write(
    'decision-packet needs Node.js ' +
      required.join('.') +
      ' or newer (Astro 7 does); this is Node.js ' +
      process.versions.node +
      '.\n' +
      'Install a newer Node (https://nodejs.org/, or `nvm install 24`), or add the `node` package: npm install -D node@24\n',
  );
  process.exit(2);
}

// Node's compile cache (Node >= 22.1) keeps each module's compiled code, and for the .ts sources
// of a development checkout their stripped JavaScript, between runs: most of what `check` spends
// before it reads anything. A cache that cannot be written is skipped, never an error.
if (typeof nodeModule.enableCompileCache === 'function') nodeModule.enableCompileCache();

// Installed (under node_modules): lib/, whose entry is the bundle of `check` (scripts/bundle-check.ts;
// it loads the other commands from tsc's lib/cli/). A development checkout runs its sources, so a
// stale lib/ left by `npm pack` is never what runs there.
var compiled = new URL('../lib/check/main.js', import.meta.url);
var sources = new URL('../src/cli/main.ts', import.meta.url);
var installed = decodeURIComponent(compiled.pathname).split('/').indexOf('node_modules') !== -1;
var entry = installed || !existsSync(sources) ? compiled : sources;
import(entry.href).then(
  function (cli) {
    // exitAfter ends the process once the output is written: nothing left open can keep it alive.
    return cli.exitAfter(function () {
      return cli.run(process.argv.slice(2));
    });
  },
  function (error) {
    process.stderr.write('decision-packet could not start: ' + (error && error.message ? error.message : String(error)) + '\n');
    process.exitCode = 2;
  },
);
