// The output folder is owned, never assumed: `build` refuses a folder it must not write to (the
// content, the repository, the working directory, home, `/`, or a folder it did not make) with
// exit 2 before anything is written, replaces only a previous build's site, and leaves that site
// as it was when the build fails. An internal error ends the process with exit 2 (no open handle
// keeps it alive). Every case runs in temporary folders.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildMarker, writeBuildMarker } from '../src/integration/output-folder.ts';
import { makeContent, projectRoot } from './helpers/fixtures.ts';
import { gitTestEnv, initRepo, removeScratch, scratch } from './helpers/git-repo.ts';
import { makeBuildDir, type RunResult } from './helpers/run.ts';

const buildScript = path.join(projectRoot, 'src/cli/build.ts');
const buildDirs: string[] = [];
afterAll(() => {
  removeScratch();
  for (const dir of buildDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs `build` as a whole process; a process that has not ended by itself after `limit` ms is
 * killed (its code is then null), so a hang fails the test instead of outliving it.
 */
function build(args: string[], options: RunOptions): Promise<RunResult> {
  return runNode([...(options.nodeArgs ?? []), buildScript, ...args], options);
}

interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  nodeArgs?: string[];
  limit?: number;
}

function runNode(args: string[], options: RunOptions): Promise<RunResult> {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, PACKET_TODAY: '2026-11-24', ...gitTestEnv, ...options.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.limit ?? 170_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Every file and folder under `dir` with the hash of each file's bytes (symlinks not followed). */
function snapshot(dir: string): Map<string, string> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return new Map(
    entries
      .map((entry): [string, string] => {
        const full = path.join(entry.parentPath, entry.name);
        const hash = entry.isFile() ? createHash('sha256').update(readFileSync(full)).digest('hex') : entry.isDirectory() ? 'dir' : 'other';
        return [path.relative(dir, full), hash];
      })
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

describe('build refuses an output folder it must not write to', () => {
  const repo = initRepo('output-folder');
  const home = path.join(scratch, 'home');
  mkdirSync(path.join(home, 'notes'), { recursive: true });
  writeFileSync(path.join(home, 'notes', 'todo.txt'), 'keep me');
  mkdirSync(path.join(repo, 'site'));
  writeFileSync(path.join(repo, 'site', 'handwritten.html'), '<p>not a build</p>');
  writeFileSync(path.join(repo, 'a-file'), 'a file, not a folder');
  symlinkSync(path.join(repo, 'content'), path.join(repo, 'content-link'));
  mkdirSync(path.join(repo, 'tools'));

  it.each([
    ['the working directory, the repository root (--out .)', ['--out', '.'], {}, repo, 'The output folder . is the repository root'],
    ['the content folder (--out content)', ['--out', 'content'], {}, repo, 'The output folder content is the content folder'],
    ['the content folder (PACKET_OUT_DIR)', [], { PACKET_OUT_DIR: 'content' }, repo, 'The output folder content is the content folder'],
    ['the content folder through a symlink', ['--out', 'content-link'], {}, repo, 'The output folder content is the content folder'],
    ['a folder inside the content folder', ['--out', 'content/decisions/site'], {}, repo, 'lies inside the content folder'],
    [
      'the repository root from a subfolder',
      ['--content', '../content', '--out', '..'],
      {},
      path.join(repo, 'tools'),
      'is the repository root',
    ],
    [
      'the working directory (a subfolder)',
      ['--content', '../content', '--out', '.'],
      {},
      path.join(repo, 'tools'),
      'is the working directory',
    ],
    [
      'the home directory (--out ~)',
      ['--content', path.join(repo, 'content'), '--out', home],
      { HOME: home },
      repo,
      'is the home directory',
    ],
    ['a non-empty folder no build made', ['--out', 'site'], {}, repo, `site was not made by a build (it has no ${buildMarker})`],
    ['a file', ['--out', 'a-file'], {}, repo, 'a-file is not a folder'],
  ])('%s: exit 2, every file left in place', async (_name, args, env, cwd, message) => {
    const before = snapshot(scratch);
    const result = await build(args, { cwd, env: { HOME: home, ...env } });
    expect(result.stderr).toContain(message);
    expect(result.code).toBe(2);
    expect(snapshot(scratch)).toEqual(before);
  });

  it('the file system root (--out /): exit 2, nothing written here', async () => {
    const before = snapshot(scratch);
    const result = await build(['--out', '/'], { cwd: repo, env: { HOME: home } });
    expect(result.stderr).toContain('The output folder / is the file system root');
    expect(result.code).toBe(2);
    expect(snapshot(scratch)).toEqual(before);
  });
});

describe('build replaces only a previous build, and only when it passed', () => {
  const dir = makeBuildDir('output-folder');
  buildDirs.push(dir);
  const out = path.join(dir, 'dist');
  const env = { PACKET_OUT_DIR: out, PACKET_CACHE_DIR: path.join(dir, 'cache') };
  /** A previous build's site: its marker and a page of its own. */
  const previousSite = async () => {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out);
    writeFileSync(path.join(out, 'old-page.html'), '<p>the previous site</p>');
    await writeBuildMarker(out);
    return snapshot(out);
  };
  const siblings = () => readdirSync(dir).filter((name) => name !== 'dist' && name !== 'cache');

  it('content that breaks a rule: exit 1, the previous site left as it was', async () => {
    const before = await previousSite();
    const result = await build([], { cwd: projectRoot, env: { ...env, PACKET_CONTENT_DIR: makeContent('DP201-status-typo') } });
    expect(result.stderr).toContain('DP201');
    expect(result.code).toBe(1);
    expect(snapshot(out)).toEqual(before);
    expect(siblings()).toEqual([]);
  });

  it('an internal error in the render: exit 2 though a handle is open, the previous site left as it was', async () => {
    const before = await previousSite();
    // Astro's build, as the CLI imports it, fails and leaves a handle open (as Pagefind's process
    // or a worker would).
    const fakeAstro = `export async function build() {
  setInterval(() => {}, 1000);
  throw new Error('Astro could not load');
}`;
    const fakeUrl = `data:text/javascript,${encodeURIComponent(fakeAstro)}`;
    const hooks = `import { registerHooks } from 'node:module';
registerHooks({ resolve(specifier, context, next) {
  const ours = specifier === 'astro' && context.parentURL?.endsWith('/src/cli/build.ts');
  return ours ? { url: ${JSON.stringify(fakeUrl)}, shortCircuit: true } : next(specifier, context);
} });`;
    const nodeArgs = ['--import', `data:text/javascript,${encodeURIComponent(hooks)}`];
    const result = await build([], { cwd: projectRoot, env: { ...env, PACKET_CONTENT_DIR: makeContent() }, nodeArgs, limit: 120_000 });
    expect(result.stderr).toContain('Decision Packet failed internally.\nError: Astro could not load');
    expect(result.code).toBe(2);
    expect(snapshot(out)).toEqual(before);
    expect(siblings()).toEqual([]);
  });

  it("valid content: exit 0, the previous site replaced by the new one and marked as a build's", async () => {
    await previousSite();
    const result = await build([], { cwd: projectRoot, env: { ...env, PACKET_CONTENT_DIR: makeContent() } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(path.join(out, 'old-page.html'))).toBe(false);
    expect(existsSync(path.join(out, 'packets/alpha/index.html'))).toBe(true);
    expect(existsSync(path.join(out, buildMarker))).toBe(true);
    expect(siblings()).toEqual([]);
  });
});

describe('astro preview serves only a folder a build made', () => {
  const dir = makeBuildDir('output-folder-preview');
  buildDirs.push(dir);
  const content = makeContent();
  const foreign = path.join(dir, 'notes');
  mkdirSync(foreign);
  writeFileSync(path.join(foreign, 'private.txt'), 'not a site');

  it.each([
    ['a folder no build made', foreign, `was not made by a build (it has no ${buildMarker})`],
    ['the content folder', content, 'is the content folder'],
  ])('%s: refused before the server starts', async (_name, out, message) => {
    const before = snapshot(dir);
    const astro = path.join(projectRoot, 'node_modules/astro/bin/astro.mjs');
    // A server that started would never end by itself: the limit kills it and the code is null.
    const env = { PACKET_OUT_DIR: out, PACKET_CONTENT_DIR: content, PACKET_CACHE_DIR: path.join(dir, 'cache') };
    const result = await runNode([astro, 'preview', '--host', '127.0.0.1', '--port', '0'], { cwd: projectRoot, env, limit: 150_000 });
    expect(result.stdout + result.stderr).toContain(message);
    expect(result.code).toBe(2);
    expect(snapshot(dir)).toEqual(before);
  });
});
