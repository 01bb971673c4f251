/// <reference types="astro/client" />

/** A team's own components in place of packet page sections, by section id (src/integration/section-components.ts). */
declare module 'virtual:decision-packet/section-components' {
  const components: Readonly<Record<string, ((props: Record<string, unknown>) => unknown) | undefined>>;
  export default components;
}
