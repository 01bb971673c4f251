// `npm run dev` for authors: it starts on invalid content and serves a page listing every
// violation (never a value), shows the packet as soon as the content is valid, and reports each
// change once. Runs the real dev server (astro dev) on a temporary content folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, makeContent, projectRoot } from './helpers/fixtures.ts';
import { makeBuildDir } from './helpers/run.ts';
import { freePort } from './helpers/free-port.ts';

let dev: ChildProcess | undefined;
let output = '';
let origin: string;
let content: string;
let cacheDir: string;
const decision = () => path.join(content, 'decisions/alpha.yaml');
const validRecord = readFileSync(path.join(fixturesDir, 'base/decisions/alpha.yaml'), 'utf8');
// A status no rule allows, with a word that must never reach the page or the log.
const invalidRecord = validRecord.replace(/^decision_status: .*$/m, 'decision_status: zebracorn_typo');

async function until<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out waiting for ${what}. Dev server output:\n${output}`);
}

async function page(pathname: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${origin}${pathname}`, { headers: { accept: 'text/html' } });
  return { status: response.status, text: await response.text() };
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

beforeAll(async () => {
  content = makeContent();
  writeFileSync(decision(), invalidRecord);
  cacheDir = makeBuildDir('dev');
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  dev = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PACKET_CONTENT_DIR: content,
      PACKET_TODAY: '2026-11-24',
      PACKET_CACHE_DIR: path.join(cacheDir, 'cache'),
      ASTRO_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dev.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  dev.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await until('the dev server to listen', async () => ((await fetch(`${origin}/`)).status > 0 ? true : undefined));
}, 90_000);

afterAll(async () => {
  if (dev && dev.exitCode === null) {
    const exited = new Promise((resolve) => dev!.once('exit', resolve));
    dev.kill('SIGTERM');
    await exited;
  }
  rmSync(path.dirname(content), { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('npm run dev', () => {
  it('starts on invalid content and serves the violations instead of the pages, then the packet once fixed', async () => {
    // Invalid at start: the server runs and every page is the error page.
    const broken = await page('/packets/alpha/');
    expect(broken.status).toBe(500);
    expect(broken.text).toContain('The content breaks 1 rule in 1 file');
    expect(broken.text).toMatch(/decisions\/alpha\.yaml:3:18<\/code> <strong>DP201<\/strong>/);
    expect(broken.text).toContain('Hint: Set the state field to one of the states its kind declares');
    expect(broken.text).toContain('<meta http-equiv="refresh"');
    expect(broken.text).not.toContain('zebracorn');
    await expect(page('/')).resolves.toMatchObject({ status: 500 });
    expect(count(output, 'The content breaks 1 rule')).toBe(1);
    expect(output).toContain('decisions/alpha.yaml:3:18: DP201');

    // Fixed: the packet is served, and the change was reported once.
    writeFileSync(decision(), validRecord);
    const fixed = await until('the packet page', async () => {
      const result = await page('/packets/alpha/');
      return result.status === 200 ? result : undefined;
    });
    expect(fixed.text).toContain('Not decided — current safe state');
    expect(fixed.text).not.toContain('The content breaks');
    expect(count(output, 'The content is valid')).toBe(1);

    // Broken again: back to the error page, with one more report.
    writeFileSync(decision(), invalidRecord);
    await until('the error page again', async () => ((await page('/packets/alpha/')).status === 500 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(count(output, 'The content breaks 1 rule')).toBe(2);
    expect(output).not.toContain('zebracorn');
  }, 120_000);
});
