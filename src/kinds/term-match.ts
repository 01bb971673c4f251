// Matching a kind's term list (`term_lists`) against a record's text: one small, generic module so
// that the name normalisation can be improved in one place.
//
// Each term is matched case-insensitively, in every form src/core/normalize-name.ts gives (NFKC,
// format characters removed or read as spaces, camelCase split), as a whole word: it must not
// be preceded by a letter or digit, and, when it ends in a letter, not be followed by a letter. A
// digit may follow a term ending in a letter ("x4" for the term "x"), and "-", "_", ".", "/" and
// spaces are boundaries.

import { nameForms, normalizeName } from '../core/normalize-name.ts';

export type TermMatcher = (text: string) => boolean;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A matcher for a list of lowercase terms; an empty list matches nothing. */
export function compileTerms(terms: readonly string[]): TermMatcher {
  if (terms.length === 0) return () => false;
  const pattern = new RegExp(
    terms
      .map((term) => normalizeName(term))
      .map((term) => {
        const tail = /[a-z]$/.test(term) ? '(?![\\p{L}])' : /[0-9]$/.test(term) ? '(?![\\p{L}\\p{N}])' : '';
        return `(?<![\\p{L}\\p{N}])${escapeRegExp(term)}${tail}`;
      })
      .join('|'),
    'u',
  );
  return (text) => nameForms(text).some((form) => pattern.test(form));
}
