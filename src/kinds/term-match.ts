// Matching a kind's term list (`term_lists`) against a record's text: one small, generic module so
// that the name normalisation can be improved in one place.
//
// Each term is matched case-insensitively, in every form src/core/normalize-name.ts gives (NFKC,
// format characters removed or read as spaces, camelCase split), as a whole word: it must not
// be preceded by a letter or digit, and, when it ends in a letter, not be followed by a letter. A
// digit may follow a term ending in a letter ("x4" for the term "x"), and "-", "_", ".", "/" and
// spaces are boundaries.
//
// The terms form one trie, walked from each place a word may start: a text is read once per form,
// and each start walks at most as far as the longest term (src/kinds/kind-limits.ts bounds it),
// whatever the number of terms.

import { nameForms, normalizeName } from '../core/normalize-name.ts';

export type TermMatcher = (text: string) => boolean;

interface TrieNode {
  next: Map<string, TrieNode>;
  /** A term ends here. */
  end: boolean;
}

const letter = /\p{L}/u;
const letterOrDigit = /[\p{L}\p{N}]/u;

function buildTrie(terms: readonly string[]): TrieNode {
  const root: TrieNode = { next: new Map(), end: false };
  for (const term of terms) {
    let node = root;
    for (const char of normalizeName(term)) {
      let child = node.next.get(char);
      if (!child) node.next.set(char, (child = { next: new Map(), end: false }));
      node = child;
    }
    if (node !== root) node.end = true;
  }
  return root;
}

/** The code point ending just before `index`, as a string ('' at the start). */
function before(text: string, index: number): string {
  if (index === 0) return '';
  const start = index >= 2 && /[\uDC00-\uDFFF]/.test(text[index - 1]!) && /[\uD800-\uDBFF]/.test(text[index - 2]!) ? index - 2 : index - 1;
  return text.slice(start, index);
}

/** The code point starting at `index`, as a string ('' at the end). */
function at(text: string, index: number): string {
  const code = text.codePointAt(index);
  return code === undefined ? '' : String.fromCodePoint(code);
}

/** Whether a term that ends at `index` with the character `last` is followed by a word boundary. */
function endsWord(text: string, index: number, last: string): boolean {
  const following = at(text, index);
  if (following === '') return true;
  if (/[a-z]/.test(last)) return !letter.test(following);
  if (/[0-9]/.test(last)) return !letterOrDigit.test(following);
  return true;
}

function matchesIn(root: TrieNode, text: string): boolean {
  for (let start = 0; start < text.length; start += 1) {
    if (!root.next.has(text[start]!) || letterOrDigit.test(before(text, start))) continue;
    let node = root;
    for (let index = start; index < text.length; index += 1) {
      const char = text[index]!;
      const child = node.next.get(char);
      if (!child) break;
      node = child;
      if (node.end && endsWord(text, index + 1, char)) return true;
    }
  }
  return false;
}

/** A matcher for a list of lowercase terms; an empty list matches nothing. */
export function compileTerms(terms: readonly string[]): TermMatcher {
  const root = buildTrie(terms);
  if (root.next.size === 0) return () => false;
  return (text) => nameForms(text).some((form) => matchesIn(root, form));
}
