import { defineRule } from './define-rule.ts';

export const dp106 = defineRule({
  id: 'DP106',
  name: 'yaml-feature-forbidden',
  title: 'Plain YAML only: no anchors, aliases, merge keys, tags, directives or extra documents',
  refusal: 13,
  hint: 'Write the value out in full. Anchors, aliases, merge keys and tags change meaning between parsers and can expand without bound.',
  messages: {
    documents: (d: { count: number | string }) => `The file holds ${d.count} YAML documents; exactly one is allowed.`,
    badAlias: (d: { hint: string }) => `The YAML does not parse here (BAD_ALIAS).${d.hint}`,
    directive: () => 'A %YAML or %TAG directive is not allowed.',
    alias: () => 'An alias (*name) is not allowed.',
    anchor: () => 'An anchor (&name) is not allowed.',
    tag: () => 'An explicit tag (!tag) is not allowed.',
    mergeKey: () => 'A merge key (<<) is not allowed.',
  },
});
