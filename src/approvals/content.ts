// What an approval is bound to: the hash of a record's normative content, and the canonical
// text an approver signs. Both are pure and deterministic: `approve` and the gate compute them
// from the same validated record, so a signature made by one verifies in the other.
import { createHash } from 'node:crypto';
import type { Disposition } from '../schemas/approvals.ts';

/** JSON with object keys sorted by code unit at every level: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/**
 * `sha256:<hex>` over the record's fields minus `$schema` and the kind's editorial `exclude`
 * fields, plus its own markdown body (line ends normalised) when it has one.
 */
export function contentHash(data: object, exclude: readonly string[] = [], body?: string): string {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (key !== '$schema' && !exclude.includes(key)) fields[key] = value;
  const normative = body === undefined ? { fields } : { fields, body: body.replace(/\r\n?/g, '\n') };
  return `sha256:${createHash('sha256').update(canonicalJson(normative)).digest('hex')}`;
}

export interface SignedStatement {
  /** The packet id; undefined for the roster's own approvals (a packet may be named "roster"). */
  packet: string | undefined;
  disposition: Disposition;
  concern?: string;
  content: string;
}

/** The text an approver signs (namespace decision-packet): it names the packet, disposition and content. */
export function canonicalMessage(statement: SignedStatement): string {
  const lines = ['decision-packet approval v1', statement.packet === undefined ? 'roster: roster.yaml' : `packet: ${statement.packet}`, `disposition: ${statement.disposition}`];
  if (statement.concern !== undefined) lines.push(`concern: ${statement.concern}`);
  lines.push(`content: ${statement.content}`);
  return `${lines.join('\n')}\n`;
}
