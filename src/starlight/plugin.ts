// The Starlight plugin `starlightDecisionPacket({ content, prefix })`: the packet pages inside a
// team's Starlight site. They are injected by the Astro integration (under the prefix, nothing
// outside it), laid out by StarlightPage (src/layouts/StarlightBase.astro), indexed by
// Starlight's own Pagefind (our search page and index are left out), and listed in a sidebar
// group. The plugin's shape is Starlight's public plugin API; nothing of Starlight is imported.
import type { AstroIntegration } from 'astro';
import { packetIntegration } from '../integration/decision-packet.ts';
import { UsageError } from '../core/build-date.ts';
import { resolvePrefix, type DecisionPacketOptions } from '../integration/packet-options.ts';

export interface StarlightDecisionPacketOptions extends DecisionPacketOptions {
  /** Where the pages live in the docs site; default `decisions`. The root is refused (Starlight owns it). */
  prefix?: string;
  /** The sidebar group's label; default "Decisions". */
  label?: string;
}

interface SidebarLink {
  label: string;
  link: string;
}

/** The part of Starlight's `config:setup` hook this plugin uses (starlight.astro.build/reference/plugins). */
interface StarlightSetup {
  config: { sidebar?: unknown[] };
  updateConfig: (config: { sidebar: unknown[] }) => void;
  addIntegration: (integration: AstroIntegration) => void;
}

export interface StarlightPlugin {
  name: string;
  hooks: { 'config:setup': (options: StarlightSetup) => void };
}

/** The sidebar group: the packets' index and the listings, under the prefix. */
export function sidebarGroup(prefix: string, label: string): { label: string; items: SidebarLink[] } {
  const link = (path: string) => `/${prefix}${path}`;
  return {
    label,
    items: [
      { label: 'Packets', link: link('') },
      { label: 'Work items', link: link('work-items/') },
      { label: 'Evidence', link: link('evidence/') },
      { label: 'Rules', link: link('rules/') },
    ],
  };
}

export function starlightDecisionPacket(options: StarlightDecisionPacketOptions = {}): StarlightPlugin {
  const { label = 'Decisions', ...packet } = options;
  const prefix = resolvePrefix(options.prefix ?? 'decisions');
  if (prefix === '')
    throw new UsageError("Decision Packet: the Starlight plugin needs a prefix (Starlight owns the site's root and /404).");
  return {
    name: 'decision-packet',
    hooks: {
      'config:setup': ({ config, updateConfig, addIntegration }) => {
        // No sidebar configured means Starlight lists every doc: kept so, with the group after it.
        const sidebar = config.sidebar ?? [{ autogenerate: { directory: '' } }];
        updateConfig({ sidebar: [...sidebar, sidebarGroup(prefix, label)] });
        addIntegration(packetIntegration({ ...packet, prefix }, { layout: 'starlight', search: false }));
      },
    },
  };
}
