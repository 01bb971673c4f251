// The field type `path_globs`: a non-empty list of gitignore-style globs, relative to the root of
// the repository that holds the content (`src/reader/**`, `docs/*.md`, `!src/reader/legacy.ts`).
// Everything about the type lives here: its zod schema (the JSON Schema is generated from it),
// description, placeholder, its syntax check (DP307) and the matcher the governing index uses.
// Matching follows gitignore: a glob without a "/" matches at any depth, one with a "/" is
// anchored at the root, a trailing "/" matches only a folder (and so everything under it), a
// matched folder takes every path under it, "!" re-includes (not under an excluded folder), and
// the last glob that matches decides. Each glob is compiled once to a regular expression by
// picomatch (no braces or extglobs: gitignore has none), so a test is a few regex runs.
import { z } from 'astro/zod';
import picomatch from 'picomatch';
import { line } from '../schemas/shared.ts';

export const pathGlobsType = 'path_globs';

export const pathGlobsDescription = 'a non-empty list of gitignore-style globs relative to the repository root';

/** What `new <kind> <id>` writes for a required field of this type. */
export const pathGlobsPlaceholder = '[]';

/** The zod schema of the field's value (syntax is DP307's, so the record still loads and every bad glob is named). */
export function pathGlobsSchema(): z.ZodType<string[]> {
  return z.array(line, { error: 'a list of globs' }).min(1, { error: 'at least one glob' });
}

/** Most globs a field may hold; the index stays fast and a page readable. */
export const maxGlobs = 200;
const maxGlobLength = 512;

/** Why a glob is refused (a sentence naming no part of it), or undefined when it is valid. */
export function globSyntaxProblem(glob: string): string | undefined {
  if (glob.length > maxGlobLength) return `is longer than ${maxGlobLength} characters`;
  if (/[\u0000-\u001f\u007f]/.test(glob)) return 'holds a control character';
  if (glob.includes('\\')) return 'holds a backslash: write "/" between folders and no escapes';
  if (glob.startsWith('#')) return 'starts with "#", which gitignore reads as a comment';
  const body = glob.startsWith('!') ? glob.slice(1) : glob;
  if (body === '' || body === '/') return 'names no path';
  if (/^[A-Za-z]:/.test(body)) return 'is an absolute path: write it relative to the repository root';
  if (body.split('/').some((segment) => segment === '..' || segment === '.'))
    return 'has a "." or ".." segment: write it from the repository root';
  if (body.includes('//')) return 'has an empty segment ("//")';
  if (/\*\*\*/.test(body)) return 'has three or more "*" in a row: use "*" or "**"';
  if (/(?:[^/]\*\*|\*\*[^/])/.test(body)) return 'has "**" inside a name: "**" stands alone between "/" (e.g. "src/**/x.ts")';
  if (!bracketsClosed(body)) return 'has a "[" without its closing "]"';
  try {
    compileRule(glob);
  } catch {
    return 'is not a glob gitignore can read';
  }
  return undefined;
}

function bracketsClosed(glob: string): boolean {
  let open = false;
  for (const char of glob) {
    if (char === '[' && !open) open = true;
    else if (char === ']' && open) open = false;
  }
  return !open;
}

interface Rule {
  negated: boolean;
  folderOnly: boolean;
  test(path: string): boolean;
  /** For a literal shape: whether the path or a folder above it matches, without a walk up. */
  atOrUnder?: (path: string) => boolean;
}

const matchOptions = { dot: true, nobrace: true, noextglob: true, nonegate: true, strictSlashes: true } as const;
const wildcard = /[*?[]/;

function compileRule(glob: string): Rule {
  const negated = glob.startsWith('!');
  let body = negated ? glob.slice(1) : glob;
  const folderOnly = body.endsWith('/');
  body = body.replace(/\/+$/, '');
  // A "/" at the start or inside anchors the glob at the root; otherwise it matches at any depth.
  const anchored = body.includes('/');
  body = body.replace(/^\//, '');
  if (!anchored) return { negated, folderOnly, test: regexTest(`**/${body}`) };
  return { negated, folderOnly, test: anchoredTest(body), atOrUnder: literalAtOrUnder(body, folderOnly) };
}

// The common shapes without a regular expression (compiling one costs far more than a test):
// a literal path, and a literal folder followed by "/**".
function anchoredTest(body: string): (path: string) => boolean {
  if (!wildcard.test(body)) return (path) => path === body;
  const under = literalFolderOf(body);
  if (under !== undefined) return (path) => path.startsWith(under);
  return regexTest(body);
}

/** "src/app/" for "src/app/**", undefined for any other shape. */
function literalFolderOf(body: string): string | undefined {
  const folder = body.endsWith('/**') ? body.slice(0, -3) : undefined;
  return folder !== undefined && !wildcard.test(folder) ? `${folder}/` : undefined;
}

function literalAtOrUnder(body: string, folderOnly: boolean): ((path: string) => boolean) | undefined {
  const under = literalFolderOf(body);
  if (under !== undefined) return folderOnly ? undefined : (path) => path.startsWith(under);
  if (wildcard.test(body)) return undefined;
  const folder = `${body}/`;
  return folderOnly ? (path) => path.startsWith(folder) : (path) => path === body || path.startsWith(folder);
}

function regexTest(glob: string): (path: string) => boolean {
  const pattern = picomatch.makeRe(glob, matchOptions);
  return (path) => pattern.test(path);
}

/** Compiled globs by their text, shared by the matchers of one index (many lists repeat a glob). */
export type GlobCache = Map<string, Rule>;

function cachedRule(glob: string, cache: GlobCache | undefined): Rule {
  let rule = cache?.get(glob);
  if (!rule) {
    rule = compileRule(glob);
    cache?.set(glob, rule);
  }
  return rule;
}

/** A matcher for one glob alone: what `compileGlobs([glob])` answers, without a walk up for literal shapes. */
export function compileGlob(glob: string, cache?: GlobCache): (path: string) => boolean {
  const rule = cachedRule(glob, cache);
  return !rule.negated && rule.atOrUnder ? rule.atOrUnder : compileGlobs([glob], cache);
}

/** A matcher for one list of globs (read as one .gitignore). Paths are relative, "/"-separated. */
export function compileGlobs(globs: readonly string[], cache?: GlobCache): (path: string) => boolean {
  const rules = globs.map((glob) => cachedRule(glob, cache));
  // The last rule matching decides; a folder rule matches folders only.
  const decides = (path: string, isFolder: boolean): boolean | undefined => {
    for (let index = rules.length - 1; index >= 0; index -= 1) {
      const rule = rules[index]!;
      if ((isFolder || !rule.folderOnly) && rule.test(path)) return !rule.negated;
    }
    return undefined;
  };
  return (path) => {
    // A folder that is matched takes everything under it, whatever a later "!" says.
    for (let slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      if (decides(path.slice(0, slash), true) === true) return true;
    }
    return decides(path, false) === true;
  };
}

/**
 * The literal folder or file a positive glob is confined to ("src/reader" for "src/reader/**"),
 * '' when it may match anywhere (no "/" but a trailing one, or a wildcard in its first segment),
 * undefined for a negation (it narrows, never widens).
 */
export function globPrefix(glob: string): string | undefined {
  if (glob.startsWith('!')) return undefined;
  const trimmed = glob.replace(/\/+$/, '');
  const anchored = trimmed.startsWith('/');
  const body = anchored ? trimmed.slice(1) : trimmed;
  if (!anchored && !body.includes('/')) return '';
  const literal: string[] = [];
  for (const segment of body.split('/')) {
    if (/[*?[]/.test(segment)) break;
    literal.push(segment);
  }
  return literal.join('/');
}
