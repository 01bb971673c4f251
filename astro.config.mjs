// @ts-check
// `astro dev` / `astro preview` in this repository: the same configuration `decision-packet build`
// uses (src/integration/astro-config.ts), rooted at this folder.
import { fileURLToPath } from 'node:url';
import { packetSiteConfig } from './src/integration/astro-config.ts';

export default packetSiteConfig({ root: fileURLToPath(new URL('.', import.meta.url)) });
