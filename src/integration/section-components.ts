// A team's own Astro component in place of a section of every packet page, after Starlight's
// `components` overrides: `decisionPacket({ components: { outcome: './src/MyOutcome.astro' } })`.
// The component gets the section's data (`packet`, `section`, `today`) and renders inside the
// section's heading and anchor, so links to the section keep working. Pages import the map from
// a virtual module this Vite plugin writes; with no option it is empty.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/build-date.ts';
import { pageSectionIds } from '../schemas/kind.ts';

const sectionComponentsModule = 'virtual:decision-packet/section-components';
const resolvedModule = `\0${sectionComponentsModule}`;

/** Section id → absolute path of its component; refuses an unknown section or a file that is not an .astro file. */
export function resolveSectionComponents(
  components: Readonly<Record<string, string | undefined>> | undefined,
  root: string,
): Map<string, string> {
  const resolved = new Map<string, string>();
  for (const [section, file] of Object.entries(components ?? {})) {
    if (!(pageSectionIds as readonly string[]).includes(section))
      throw new UsageError(
        `The components option names a section a packet page does not have; its sections are ${pageSectionIds.join(', ')}.`,
      );
    const absolute = file === undefined ? undefined : path.resolve(root, file);
    if (absolute === undefined || !absolute.endsWith('.astro') || !existsSync(absolute) || !statSync(absolute).isFile())
      throw new UsageError(`The components option's ${section} must name an .astro file that exists, relative to the site's root.`);
    resolved.set(section, absolute);
  }
  return resolved;
}

/** The Vite plugin that writes the virtual module: `export default { <section>: Component }`. */
export function sectionComponentsPlugin(components: ReadonlyMap<string, string>) {
  return {
    name: 'decision-packet:section-components',
    resolveId: (id: string) => (id === sectionComponentsModule ? resolvedModule : null),
    load(id: string) {
      if (id !== resolvedModule) return null;
      const entries = [...components];
      const imports = entries.map(([, file], index) => `import Section${index} from ${JSON.stringify(file)};\n`).join('');
      const map = entries.map(([section], index) => `${JSON.stringify(section)}: Section${index}`).join(', ');
      return `${imports}export default { ${map} };\n`;
    },
  };
}
