import { defineRule } from './define-rule.ts';

export const dp103 = defineRule({
  id: 'DP103',
  name: 'not-utf8-text',
  title: 'Every file is UTF-8 text',
  refusal: 13,
  hint: 'Save the file as UTF-8 (a byte-order mark and CRLF line ends are fine) and remove NUL bytes.',
  messages: {
    notUtf8: () => 'The file is not valid UTF-8.',
    nulByte: () => 'The file contains a NUL byte: it is not text.',
  },
});
