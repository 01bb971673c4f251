import type { APIRoute } from 'astro';
import { getCollection, getEntry } from '../integration/collections.ts';
import type { PacketView } from '../site/site-data.ts';
import { packetSummary } from '../site/machine-readable.ts';
import { cmp } from '../core/issue.ts';

export const GET: APIRoute = async () => {
  const site = (await getEntry('site', 'site'))!.data as { buildCommit: string | null };
  const packets = (await getCollection('packets')).map((entry) => entry.data as unknown as PacketView).sort((a, b) => cmp(a.id, b.id));
  return new Response(`${JSON.stringify({ build_commit: site.buildCommit, packets: packets.map(packetSummary) }, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
