// A path inside a repository, as evidence references name them. Refused: absolute paths, "..",
// ".git", backslashes, %-encoding, control characters, empty segments. Such a path is safe to
// hand to git after validation and safe to put in a URL.
export function isSafeRelativePath(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1024) return false;
  if (value.startsWith('/') || value.includes('\\') || value.includes('%')) return false;
  if (/[\u0000-\u001f\u007f]/.test(value)) return false;
  if (value.startsWith('-')) return false; // would read as an option to git
  if (/^[A-Za-z]:/.test(value)) return false; // a drive letter
  const segments = value.split('/');
  return segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..' && segment.toLowerCase() !== '.git');
}

/** Is `path` equal to `prefix` or inside it (segment-wise, so `vendor/case2` is not in `vendor/case`)? */
export function isWithinPrefix(path: string, prefix: string): boolean {
  const trimmed = prefix.replace(/\/+$/, '');
  return path === trimmed || path.startsWith(`${trimmed}/`);
}
