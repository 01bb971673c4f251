// `decision-packet dev` and `preview` (the package's executable, as a package user runs it), and
// the help texts a package user reads: they name `npx decision-packet`, never `npm run`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeContent, projectRoot } from './helpers/fixtures.ts';
import { makeBuildDir, runProcess } from './helpers/run.ts';
import { freePort } from './helpers/free-port.ts';

const bin = path.join(projectRoot, 'bin/decision-packet.js');
const env = (extra: NodeJS.ProcessEnv = {}) => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  PACKET_TODAY: '2026-11-24',
  ASTRO_TELEMETRY_DISABLED: '1',
  ...extra,
});
const packet = (args: string[], extra?: NodeJS.ProcessEnv) =>
  runProcess(process.execPath, [bin, ...args], { cwd: projectRoot, env: env(extra) });

let server: ChildProcess | undefined;
let output = '';
const cleanup: string[] = [];

afterEach(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  server = undefined;
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts `decision-packet <args>` and waits until it answers `pathname` (polling; no time is asserted). */
async function serve(args: string[], pathname: string, extra: NodeJS.ProcessEnv): Promise<{ status: number; text: string }> {
  const port = await freePort();
  output = '';
  server = spawn(process.execPath, [bin, ...args, '--port', String(port)], {
    cwd: projectRoot,
    env: env(extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server exited ${server.exitCode}:\n${output}`);
    const response = await fetch(`http://localhost:${port}${pathname}`).catch(() => undefined);
    if (response) return { status: response.status, text: await response.text() };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Interrupts the server as Ctrl+C would and returns its exit status. */
async function interrupt(): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => {
    server!.once('exit', (code) => {
      resolve(code);
    });
  });
  server!.kill('SIGINT');
  return exited;
}

describe('the package CLI serves the site', () => {
  it('dev serves the packet pages from the content folder and stops with exit 0 when interrupted', async () => {
    const content = makeContent();
    const cache = makeBuildDir('cli-dev');
    cleanup.push(path.dirname(content), cache);
    const page = await serve(['dev', '--content', content], '/packets/alpha/', { PACKET_CACHE_DIR: path.join(cache, 'cache') });
    expect(page.status).toBe(200);
    expect(page.text).toContain('alpha');
    expect(await interrupt()).toBe(0);
  }, 120_000);

  it('preview refuses a folder the build did not write (exit 2)', async () => {
    const out = makeBuildDir('cli-preview');
    cleanup.push(out);
    mkdirSync(path.join(out, 'not-a-site'));
    writeFileSync(path.join(out, 'not-a-site/index.html'), '<p>someone else’s</p>\n');
    const refused = await packet(['preview', '--out', path.join(out, 'not-a-site'), '--port', String(await freePort())], {
      PACKET_CACHE_DIR: path.join(out, 'cache'),
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('was not made by a build');
    expect(refused.stderr).not.toContain('failed internally');
  }, 120_000);

  it('dev and preview refuse an unknown argument or a bad port with their usage (exit 2)', async () => {
    const unknown = await packet(['dev', '--out', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown argument: --out');
    expect(unknown.stderr).toContain('Usage: npx decision-packet dev');
    const port = await packet(['preview', '--port', 'eighty']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port must be a number');
  });
});

describe('help texts', () => {
  it('speak of npx decision-packet, never npm run', async () => {
    for (const args of [
      ['--help'],
      ['check', '--help'],
      ['build', '--help'],
      ['diff', '--help'],
      ['dev', '--help'],
      ['preview', '--help'],
    ]) {
      const help = await packet(args);
      expect(help.code, args.join(' ')).toBe(0);
      expect(help.stdout, args.join(' ')).toContain('npx decision-packet');
      expect(help.stdout, args.join(' ')).not.toContain('npm run');
    }
    expect((await packet(['--help'])).stdout).toMatch(/^ {2}dev {8}serve the site/m);
  });
});
