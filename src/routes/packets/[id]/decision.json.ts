import type { APIRoute } from 'astro';
import { getCollection, getEntry } from '../../../integration/collections.ts';
import type { PacketView } from '../../../site/site-data.ts';
import { decisionDocument } from '../../../site/machine-readable.ts';

export async function getStaticPaths() {
  return (await getCollection('packets')).map((entry) => ({ params: { id: entry.id }, props: { packet: entry.data as unknown as PacketView } }));
}

export const GET: APIRoute = async ({ props }) => {
  const site = (await getEntry('site', 'site'))!.data as { buildCommit: string | null };
  return new Response(`${JSON.stringify(decisionDocument(props.packet as PacketView, site.buildCommit), null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
