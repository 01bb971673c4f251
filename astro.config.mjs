// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { decisionPacket } from './src/integration/decision-packet.ts';

// PACKET_SITE / PACKET_BASE set the published origin and base path (GitHub Pages: /<repo>/).
export default defineConfig({
  site: process.env.PACKET_SITE || undefined,
  base: process.env.PACKET_BASE || '/',
  trailingSlash: 'ignore',
  // PACKET_OUT_DIR / PACKET_CACHE_DIR let several builds run side by side (tests, benchmarks).
  outDir: process.env.PACKET_OUT_DIR || './dist',
  cacheDir: process.env.PACKET_CACHE_DIR || './node_modules/.astro',
  build: { format: 'directory' },
  integrations: [decisionPacket(), mdx({ syntaxHighlight: false })],
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
});
