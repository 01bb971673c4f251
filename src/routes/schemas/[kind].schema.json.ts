import type { APIRoute } from 'astro';
import { jsonSchemaSources, toJsonSchema, type JsonSchemaKind } from '../../schemas/json-schema.ts';

export function getStaticPaths() {
  return Object.keys(jsonSchemaSources).map((kind) => ({ params: { kind } }));
}

export const GET: APIRoute = ({ params }) =>
  new Response(`${JSON.stringify(toJsonSchema(params.kind as JsonSchemaKind), null, 2)}\n`, { headers: { 'Content-Type': 'application/schema+json' } });
