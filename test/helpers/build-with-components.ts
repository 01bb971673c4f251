// Builds a packet site as `decision-packet build` does, with the integration's `components` option
// from SECTION_COMPONENTS (JSON: section id → .astro file relative to the working directory), which
// the command line does not take. PACKET_CONTENT_DIR / PACKET_OUT_DIR as for the build.
import { build } from 'astro';
import { packetSiteConfig } from '../../src/integration/astro-config.ts';

const components = JSON.parse(process.env.SECTION_COMPONENTS ?? '{}') as Record<string, string>;
await build({ ...packetSiteConfig({ packet: { components } }), configFile: false, logLevel: 'warn' });
