// Names compared the way a reader sees them, not the way they are encoded: a look-alike of a
// name must match it. Pure, no dependencies.
//
// - NFKC: full-width letters, ligatures and other compatibility forms become the plain letters.
// - Format characters (\p{Cf}: soft hyphen, zero-width space and joiners, BOM, bidi marks) are
//   invisible: they are removed (`anthro\u00adpic` is `anthropic`), and, since a zero-width space
//   may stand between two words, also read as a space.
// - camelCase and PascalCase are split into words (`MyAnthropicProvider` holds the word
//   `anthropic`), while the unsplit form is kept too (`OpenAI` still reads `openai`).
// - Case is folded (lower case after NFKC).

const formatCharacters = /\p{Cf}/gu;
const lowerThenUpper = /(\p{Ll}|\p{N})(\p{Lu})/gu;
const upperThenWord = /(\p{Lu})(\p{Lu}\p{Ll})/gu;

/** The forms of a text a name is looked for in; every form is lower case. Linear in the text. */
export function nameForms(text: string): string[] {
  const compatible = text.normalize('NFKC');
  const forms = new Set<string>();
  for (const visible of [compatible.replace(formatCharacters, ''), compatible.replace(formatCharacters, ' ')]) {
    forms.add(visible.toLowerCase());
    forms.add(visible.replace(lowerThenUpper, '$1 $2').replace(upperThenWord, '$1 $2').toLowerCase());
  }
  return [...forms];
}

/** One canonical form of a name: NFKC, no format characters, lower case. */
export function normalizeName(text: string): string {
  return text.normalize('NFKC').replace(formatCharacters, '').toLowerCase();
}
