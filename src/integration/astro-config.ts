// The Astro configuration of a standalone packet site: what `decision-packet build` runs and what
// this repository's astro.config.mjs (`astro dev`, `astro preview`) uses. The pages come from the
// integration (injected routes); the package's own src/ and public/ are the site's, so a folder
// the command runs in never contributes pages of its own. A team's own Astro site adds only
// `decisionPacket({ content })` to its config instead.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroInlineConfig } from 'astro';
import { decisionPacket } from './decision-packet.ts';
import type { DecisionPacketOptions } from './packet-options.ts';

export interface PacketSiteOptions {
  /** The integration's options (content, requireVerifiedEvidence, today, …); defaults from the environment. */
  packet?: DecisionPacketOptions;
  /** The folder the site is built from: .astro/ and the default output and cache go here. Default process.cwd(). */
  root?: string;
  /** Where the site is written; default PACKET_OUT_DIR, else <root>/dist. */
  outDir?: string;
  env?: NodeJS.ProcessEnv;
}

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

export function packetSiteConfig(options: PacketSiteOptions = {}): AstroInlineConfig {
  const env = options.env ?? process.env;
  const root = path.resolve(options.root ?? process.cwd());
  return {
    root,
    srcDir: path.join(packageRoot, 'src'),
    publicDir: path.join(packageRoot, 'public'),
    // PACKET_SITE / PACKET_BASE set the published origin and base path (GitHub Pages: /<repo>/).
    site: env.PACKET_SITE || undefined,
    base: env.PACKET_BASE || '/',
    trailingSlash: 'ignore',
    // PACKET_OUT_DIR / PACKET_CACHE_DIR let several builds run side by side (tests, benchmarks).
    outDir: path.resolve(root, options.outDir ?? (env.PACKET_OUT_DIR || 'dist')),
    cacheDir: path.resolve(root, env.PACKET_CACHE_DIR || 'node_modules/.astro'),
    build: { format: 'directory' },
    integrations: [decisionPacket(options.packet)],
    // No Shiki: its inline styles would need 'unsafe-inline' under the CSP.
    markdown: { syntaxHighlight: false },
    devToolbar: { enabled: false },
    // A Content-Security-Policy meta tag on every page: Astro hashes its own scripts and styles.
    // Pagefind's search needs WebAssembly ('wasm-unsafe-eval'); nothing else is loaded from elsewhere.
    security: {
      csp: {
        directives: [
          "default-src 'self'",
          "img-src 'self' data:",
          "connect-src 'self'",
          "object-src 'none'",
          "base-uri 'self'",
          "form-action 'self'",
        ],
        scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
        styleDirective: { resources: ["'self'"] },
      },
    },
  };
}
