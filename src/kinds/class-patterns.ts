// Class patterns of a `class` field (`patterns: [no-secret, "local*", "bounded-*"]`):
// a plain name matches itself; `name*` matches the name alone or followed by "-" or "_" and more
// words; `name-*` (or `name_*`) requires at least one more word. "-" and "_" are interchangeable
// as separators, and a class never ends in a separator.

function patternToRegExp(pattern: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  if (!pattern.endsWith('*')) return new RegExp(`^${escape(pattern)}$`);
  const stem = pattern.slice(0, -1);
  const rest = '[-_][a-z0-9_-]*[a-z0-9]';
  if (/[-_]$/.test(stem)) return new RegExp(`^${escape(stem.slice(0, -1))}${rest}$`);
  return new RegExp(`^${escape(stem)}(?:${rest})?$`);
}

/** Does the class name match one of the patterns? */
export function classMatches(patterns: readonly string[], value: string): boolean {
  return patterns.some((pattern) => patternToRegExp(pattern).test(value));
}

/** The patterns as a reader sees them: `"no-secret", or a class starting with "local"`. */
export function describePatterns(patterns: readonly string[]): string {
  const parts = patterns.map((pattern) => {
    if (!pattern.endsWith('*')) return `"${pattern}"`;
    const stem = pattern.slice(0, -1).replace(/[-_]$/, '');
    return pattern.slice(0, -1).match(/[-_]$/) ? `a class starting with "${stem}-"` : `"${stem}" or a class starting with "${stem}-"`;
  });
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}
