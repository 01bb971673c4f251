// The TypeScript type of a collection's entries, written from its JSON Schema: what Astro's
// content layer puts in the host's generated types for a loader's createSchema() (`Entry`), so
// `getCollection('decisions')` is typed by the kinds. Covers what our schemas produce; anything
// else is `unknown` (the gate has validated the data already).
type JsonSchema = { [key: string]: unknown };

const literal = (value: unknown) => JSON.stringify(value);
const union = (parts: string[]) => (parts.length === 0 ? 'never' : [...new Set(parts)].join(' | '));

export function typeOfSchema(schema: unknown): string {
  if (typeof schema !== 'object' || schema === null) return schema === false ? 'never' : 'unknown';
  const node = schema as JsonSchema;
  if ('const' in node) return literal(node.const);
  if (Array.isArray(node.enum)) return union(node.enum.map(literal));
  for (const key of ['anyOf', 'oneOf'] as const) if (Array.isArray(node[key])) return `(${union(node[key].map(typeOfSchema))})`;
  if (Array.isArray(node.allOf)) return node.allOf.map((part) => `(${typeOfSchema(part)})`).join(' & ') || 'unknown';
  switch (node.type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return `Array<${typeOfSchema(node.items)}>`;
    case 'object':
      return objectType(node);
    default:
      return 'unknown';
  }
}

function objectType(node: JsonSchema): string {
  const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
  const properties = Object.entries((node.properties ?? {}) as Record<string, unknown>).map(
    ([name, value]) => `${literal(name)}${required.has(name) ? '' : '?'}: ${typeOfSchema(value)};`,
  );
  const rest = node.additionalProperties === false || node.additionalProperties === undefined ? [] : ['[key: string]: unknown;'];
  return `{ ${[...properties, ...rest].join(' ')} }`;
}

/** The module Astro writes for a collection: its `Entry` type. */
export function entryModule(schema: unknown): string {
  return `export type Entry = ${typeOfSchema(schema)};\n`;
}
