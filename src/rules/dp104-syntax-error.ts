import { defineRule } from './define-rule.ts';

// The `yaml` parser's error codes in our words: its own messages quote the source.
const syntaxMessages: Record<string, string> = {
  BAD_INDENT: 'Indentation is not consistent here.',
  MISSING_CHAR: 'A closing character is missing here.',
  BLOCK_AS_IMPLICIT_KEY: 'A block value cannot be used as a key.',
  MULTILINE_IMPLICIT_KEY: 'A key cannot span lines.',
  KEY_OVER_1024_CHARS: 'A key is longer than 1024 characters.',
  UNEXPECTED_TOKEN: 'Unexpected character here.',
  BAD_SCALAR_START: 'A plain value cannot start with this character; quote the value.',
  TAB_AS_INDENT: 'A tab is used for indentation; YAML indents with spaces.',
  BAD_DQ_ESCAPE: 'A double-quoted value has an invalid escape sequence.',
  IMPOSSIBLE: 'This cannot be parsed.',
};

export const dp104 = defineRule({
  id: 'DP104',
  name: 'syntax-error',
  title: 'YAML, JSON and frontmatter parse',
  refusal: 13,
  hint: "Fix the syntax at the position given; a YAML linter or your editor's YAML mode shows the same spot.",
  messages: {
    keyNotString: () => 'A mapping key must be a plain string.',
    json: () => 'The file is not valid JSON.',
    yaml: (d: { code: string; hint: string }) => (syntaxMessages[d.code] ?? `The YAML does not parse here (${d.code}).`) + d.hint,
  },
});
