import { defineCollection } from 'astro:content';
import { decisionPacketLoader } from './integration/content-loader.ts';

// Every collection comes from one validate() run; see src/integration/content-loader.ts.
const asData = <T extends object>(value: T) => value as unknown as Record<string, unknown>;

export const collections = {
  packets: defineCollection({ loader: decisionPacketLoader('packets', (site) => site.packets.map((p) => ({ id: p.id, data: asData(p) }))) }),
  workItems: defineCollection({ loader: decisionPacketLoader('work-items', (site) => site.workItems.map((w) => ({ id: w.id, data: asData(w) }))) }),
  evidence: defineCollection({ loader: decisionPacketLoader('evidence', (site) => site.evidence.map((e) => ({ id: e.id, data: asData(e) }))) }),
  site: defineCollection({
    loader: decisionPacketLoader('site', (site) => [{ id: 'site', data: { buildCommit: site.buildCommit ?? null, packetCount: site.packets.length, targetRepositories: site.targetRepositories, schemas: site.schemas, kinds: site.kinds } }]),
  }),
};
