import { pathGlobsDescription, pathGlobsPlaceholder, pathGlobsSchema, pathGlobsType } from '../fields/path-globs.ts';
import { defineFieldType } from './define.ts';

// The syntax check (DP307) and the matcher the governing index uses live beside the schema in
// src/fields/path-globs.ts; this is the type's entry in the registry.
export const pathGlobs = defineFieldType({
  name: pathGlobsType,
  summary:
    'a non-empty list (at most 200) of gitignore-style globs from the repository root (`src/reader/**`, `*.proto`, `!src/legacy/`): no `/` matches at any depth, a trailing `/` a folder and all under it, `!` re-includes, the last match decides; no `..`, backslash or absolute path',
  rules: ['DP307', 'DP308'],
  zod: () => pathGlobsSchema(),
  describe: () => pathGlobsDescription,
  placeholder: () => ({ value: pathGlobsPlaceholder }),
});
