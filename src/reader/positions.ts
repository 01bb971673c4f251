import type { SourcePosition } from '../core/issue.ts';

/** Where each field of a record sits in its file. Keys are field paths: `a.b[1].c`; '' is the record. */
export class PositionIndex {
  private readonly keys = new Map<string, SourcePosition>();
  private readonly values = new Map<string, SourcePosition>();

  private readonly fallback: SourcePosition;

  constructor(fallback: SourcePosition = { line: 1, column: 1 }) {
    this.fallback = fallback;
  }

  setKey(path: string, position: SourcePosition): void {
    this.keys.set(path, position);
  }

  setValue(path: string, position: SourcePosition): void {
    this.values.set(path, position);
  }

  /** Position of the value at `path`, else of its key, else of the nearest parent that has one. */
  value(path: string): SourcePosition {
    return this.values.get(path) ?? this.keys.get(path) ?? this.parent(path);
  }

  /** Position of the key at `path` (for unknown keys), else of its value. */
  key(path: string): SourcePosition {
    return this.keys.get(path) ?? this.values.get(path) ?? this.parent(path);
  }

  private parent(path: string): SourcePosition {
    const parent = parentPath(path);
    if (parent === undefined) return this.values.get('') ?? this.fallback;
    return this.value(parent);
  }
}

function parentPath(path: string): string | undefined {
  if (path === '') return undefined;
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut <= 0 ? '' : path.slice(0, cut);
}

/** Joins a field path the way messages show it: `evidence_sources[1]`, `work_items.reviewer`. */
export function joinPath(base: string, segment: string | number): string {
  if (typeof segment === 'number') return `${base}[${segment}]`;
  const part = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment) ? segment : JSON.stringify(segment);
  return base === '' ? part : `${base}.${part}`;
}

export function formatPath(segments: readonly PropertyKey[]): string {
  let path = '';
  for (const segment of segments) {
    path = joinPath(path, typeof segment === 'number' ? segment : String(segment));
  }
  return path;
}
