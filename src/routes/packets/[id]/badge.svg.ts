import type { APIRoute } from 'astro';
import { getCollection } from '../../../integration/collections.ts';
import type { PacketView } from '../../../site/site-data.ts';
import { badgeSvg } from '../../../site/machine-readable.ts';

export async function getStaticPaths() {
  return (await getCollection('packets')).map((entry) => ({ params: { id: entry.id }, props: { packet: entry.data as unknown as PacketView } }));
}

export const GET: APIRoute = ({ props }) => new Response(badgeSvg(props.packet as PacketView), { headers: { 'Content-Type': 'image/svg+xml' } });
