// The values that may reach git: full lowercase object ids (40 hex for SHA-1, 64 for SHA-256),
// safe relative paths (relative, no "..", never starting with "-"), and revisions that cannot
// read as an option or a range. Everything else is refused before git runs.
import { isSafeRelativePath } from '../core/repository-path.ts';
import { GitError } from './git-process.ts';

export type ObjectFormat = 'sha1' | 'sha256';

const objectIdPattern = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

export function isObjectId(value: unknown): value is string {
  return typeof value === 'string' && objectIdPattern.test(value);
}

/** The object format a full id belongs to, by its length. */
export function objectFormatOfId(id: string): ObjectFormat {
  return id.length === 64 ? 'sha256' : 'sha1';
}

export function assertObjectId(value: string): void {
  if (!isObjectId(value)) throw new GitError('failed', 'An object id given to git is not a full lowercase 40- or 64-hex id.');
}

export function assertSafePath(value: string): void {
  if (!isSafeRelativePath(value)) throw new GitError('failed', 'A path given to git is not a safe relative path.');
}

/** A revision git may be asked about: printable, not an option, no revision-range syntax. */
export function isSafeRevision(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= 256 &&
    !value.startsWith('-') &&
    !/[\u0000-\u0020\u007f:]|\.\.|@\{-/.test(value)
  );
}
