// Templates over a record's own fields: `{work_item} remains blocked …`. Used by kinds (exact
// values, consequences, statements) and by the field types.
// A placeholder names a field of the record (a path through mappings); its value is the record's own.
const placeholder = /\{([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*)\}/g;

export function isTemplate(value: string): boolean {
  return new RegExp(placeholder.source).test(value);
}

/** The field paths a template names. */
export function templateFields(template: string): string[] {
  return [...template.matchAll(placeholder)].map((match) => match[1]!);
}

/** The value at a field path of a record (`work_items.reviewer`); only the record's own fields count. */
export function valueAtPath(record: Record<string, unknown>, path: string): unknown {
  if (!path.includes('.')) return Object.hasOwn(record, path) ? record[path] : undefined;
  let current: unknown = record;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** The template with each placeholder replaced by the record's value (a missing one stays as written). */
export function renderTemplate(template: string, record: Record<string, unknown>): string {
  return template.replace(placeholder, (whole, path: string) => {
    const value = valueAtPath(record, path);
    return typeof value === 'string' ? value : whole;
  });
}

export interface TextSegment {
  text: string;
  /** The field path the text came from, when it is a placeholder's value. */
  field?: string;
}

/** The rendered template in pieces, so a page can link the values that are ids. */
export function templateSegments(template: string, record: Record<string, unknown>): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of template.matchAll(placeholder)) {
    if (match.index > last) segments.push({ text: template.slice(last, match.index) });
    const value = valueAtPath(record, match[1]!);
    segments.push(typeof value === 'string' ? { text: value, field: match[1]! } : { text: match[0] });
    last = match.index + match[0].length;
  }
  if (last < template.length) segments.push({ text: template.slice(last) });
  return segments;
}
