import type { APIRoute } from 'astro';
import { getValidatedSite } from '../../integration/validated-site.ts';

// One editor JSON Schema per decision kind and record type of the validated content (src/schemas/json-schema.ts).
export async function getStaticPaths() {
  const site = await getValidatedSite();
  return Object.entries(site.schemas).map(([kind, schema]) => ({ params: { kind }, props: { schema } }));
}

export const GET: APIRoute = ({ props }) =>
  new Response(`${JSON.stringify(props.schema, null, 2)}\n`, { headers: { 'Content-Type': 'application/schema+json' } });
