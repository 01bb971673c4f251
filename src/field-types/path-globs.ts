import { pathGlobsDescription, pathGlobsPlaceholder, pathGlobsSchema, pathGlobsType } from '../fields/path-globs.ts';
import { defineFieldType } from './define.ts';
import { pathGlobSyntaxRule } from '../rules/path-glob-syntax.ts';
import { pathGlobUnmatchedRule } from '../rules/path-glob-unmatched.ts';

// The syntax check (path-glob-syntax) and the matcher the governing index uses live beside the schema in
// src/fields/path-globs.ts; this is the type's entry in the registry.
export const pathGlobs = defineFieldType({
  name: pathGlobsType,
  summary:
    'a non-empty list (at most 200) of gitignore-style globs from the repository root (`src/reader/**`, `*.proto`, `!src/legacy/`): no `/` matches at any depth, a trailing `/` a folder and all under it, `!` re-includes, the last match decides; no `..`, backslash or absolute path',
  rules: () => [pathGlobSyntaxRule, pathGlobUnmatchedRule],
  zod: () => pathGlobsSchema(),
  describe: () => pathGlobsDescription,
  placeholder: () => ({ value: pathGlobsPlaceholder }),
});
