// A record's fields as leaf paths (`owner.team`, `sources`): objects are opened,
// lists and scalars are leaves. Shared by the field diff and the link search.
import { joinPath } from '../reader/positions.ts';

export type Leaves = Map<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function leaves(value: unknown, prefix = '', into: Leaves = new Map()): Leaves {
  if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) leaves(child, joinPath(prefix, key), into);
  } else if (prefix !== '') {
    into.set(prefix, value);
  }
  return into;
}

/** Every string in a value with its field path (list items too: `sources[1]`). */
export function strings(value: unknown, prefix = ''): { field: string; value: string }[] {
  if (typeof value === 'string') return [{ field: prefix, value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => strings(item, joinPath(prefix, index)));
  if (isObject(value)) return Object.entries(value).flatMap(([key, child]) => strings(child, joinPath(prefix, key)));
  return [];
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
