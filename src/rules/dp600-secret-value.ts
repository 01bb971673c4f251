import { defineRule } from './define-rule.ts';

export const dp600 = defineRule({
  id: 'DP600',
  name: 'secret-value',
  title: 'No secret value anywhere in the content',
  refusal: 9,
  hint: 'Remove the secret from the file and rotate it: it is in your history now. Name a credential source class (e.g. ci-secret-store) instead of a value.',
  messages: {
    file: (d: { kind: string }) => `${d.kind} is in this file; it is not shown.`,
    value: (d: { kind: string }) => `${d.kind} is in this value; it is not shown.`,
    key: (d: { kind: string }) => `${d.kind} is in this key; it is not shown.`,
    'decoded-value': (d: { kind: string }) => `${d.kind} is in this value once its escapes and line breaks are read; it is not shown.`,
    'decoded-key': (d: { kind: string }) => `${d.kind} is in this key once its escapes are read; it is not shown.`,
    name: (d: { kind: string }) => `${d.kind} is in this file or folder name; it is not shown.`,
    encodedLine: (d: { kind: string }) =>
      `${d.kind} is in this line once its percent-encoding, "+" for spaces, character references or backslash escapes are decoded; it is not shown.`,
    encodedValue: (d: { kind: string }) =>
      `${d.kind} is in this value once its percent-encoding, "+" for spaces, character references or backslash escapes are decoded; it is not shown.`,
    rendered: (d: { kind: string; document: string }) =>
      `${d.kind} is in this ${d.document} text as it renders (character references or backslash escapes decoded); it is not shown.`,
    more: (d: { count: string; listed: number | string }) =>
      `${d.count} more secret values are in this file beyond the first ${d.listed} listed; they are not shown or listed one by one.`,
  },
});
