// The browser the browser tests drive: the Chromium that `npm install` brings with the
// @sparticuz/chromium devDependency (binary, its own NSS/NSPR/expat libraries and fonts, all inside
// the registry tarball), unpacked once into node_modules/.cache and launched with its libraries on
// LD_LIBRARY_PATH, so a machine without any system Chromium runs the tests. PACKET_CHROMIUM names
// another browser instead (GitHub runners have Chrome preinstalled). Nothing is downloaded.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { projectRoot } from './fixtures.ts';

/**
 * What the machine needs: headless, no sandbox (the tests may run as root), no GPU, and nothing
 * that reaches the network on its own. Playwright gives every launch a fresh temporary profile
 * (its own --user-data-dir, deleted on close); it refuses that flag in `args`.
 */
const browserArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--no-pings',
];

// The package exports only its entry (build/index.js); its bin/ folder sits one level above that.
const packageDir = path.resolve(path.dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '..');

/** Reads a tar archive (ustar, with pax or GNU long names) into `target`; files and folders only. */
function extractTar(archive: Buffer, target: string): void {
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start: number, length: number) =>
      header
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const body = archive.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    const prefix = field(345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    if (type === 'x') {
      longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1];
      continue;
    }
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    if (type === 'g') continue;
    const destination = path.resolve(target, name);
    if (destination !== target && !destination.startsWith(target + path.sep))
      throw new Error(`tar entry leaves the target folder: ${name}`);
    if (type === '5') {
      mkdirSync(destination, { recursive: true });
    } else if (type === '0' || type === '7') {
      mkdirSync(path.dirname(destination), { recursive: true });
      writeFileSync(destination, body, { mode: Number.parseInt(field(100, 8).trim() || '644', 8) & 0o777 });
    } else {
      throw new Error(`tar entry of unsupported type ${JSON.stringify(type)}: ${name}`);
    }
  }
}

function unpackTar(file: string, target: string): void {
  extractTar(brotliDecompressSync(readFileSync(path.join(packageDir, 'bin', file))), target);
}

/**
 * Unpacks the packaged Chromium into node_modules/.cache/decision-packet-chromium/<version>/ once:
 * the binary with SwiftShader beside it, `lib/` (the al2023 libraries) and `fonts/`. It is written
 * to a private folder and renamed into place, so test files that start at once never see half of it.
 */
async function packagedChromium(): Promise<{ executablePath: string; env: Record<string, string> }> {
  const version = (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const cacheRoot = path.join(projectRoot, 'node_modules/.cache/decision-packet-chromium');
  const dir = path.join(cacheRoot, version);
  if (!existsSync(path.join(dir, 'chromium'))) {
    const staging = path.join(cacheRoot, `.${version}-${process.pid}-${Date.now()}`);
    mkdirSync(staging, { recursive: true });
    try {
      await pipeline(
        createReadStream(path.join(packageDir, 'bin/chromium.br')),
        createBrotliDecompress(),
        createWriteStream(path.join(staging, 'chromium'), { mode: 0o755 }),
      );
      unpackTar('swiftshader.tar.br', staging);
      unpackTar('al2023.tar.br', staging);
      unpackTar('fonts.tar.br', path.join(staging, 'fonts'));
      // The packaged fonts.conf names /tmp/fonts (AWS Lambda's layout); point it at this folder.
      writeFileSync(
        path.join(staging, 'fonts/fonts.conf'),
        `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${path.join(dir, 'fonts/fonts')}</dir>\n  <cachedir>${path.join(dir, 'fonts/cache')}</cachedir>\n</fontconfig>\n`,
      );
      try {
        renameSync(staging, dir);
      } catch (error) {
        // Another test process put its copy in place first; use that one.
        if (!existsSync(path.join(dir, 'chromium'))) throw error;
      }
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  const libraries = [path.join(dir, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  return { executablePath: path.join(dir, 'chromium'), env: { LD_LIBRARY_PATH: libraries, FONTCONFIG_PATH: path.join(dir, 'fonts') } };
}

/** Launch options for the test browser: PACKET_CHROMIUM when set, else the packaged Chromium. */
async function testBrowserOptions(): Promise<LaunchOptions> {
  const named = process.env.PACKET_CHROMIUM;
  if (named) return { executablePath: named, args: browserArgs };
  const packaged = await packagedChromium();
  return { executablePath: packaged.executablePath, args: browserArgs, env: { ...process.env, ...packaged.env } };
}

/** Starts the test browser. */
export async function launchTestBrowser(): Promise<Browser> {
  return chromium.launch(await testBrowserOptions());
}
