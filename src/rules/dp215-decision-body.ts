import { defineRule } from './define-rule.ts';

export const dp215 = defineRule({
  id: 'DP215',
  name: 'decision-body',
  title: "A decision is written in the form its kind's body says",
  refusal: 14,
  hint: "A kind with body: own has decisions/<id>.md (frontmatter and a markdown body); a kind with body: prd (the default) has decisions/<id>.yaml or .json naming its PRD. Rename the file and move its text, or change the kind's body.",
  messages: {
    ownBody: (d: { kind: string }) =>
      `Kind ${d.kind} says body: own: its decisions are markdown files, decisions/<id>.md, with the record as YAML frontmatter and the decision's own text as the body.`,
    prdBody: (d: { kind: string }) =>
      `Kind ${d.kind} says body: prd: its decisions are YAML or JSON records, decisions/<id>.yaml, that name their PRD; a markdown decision needs a kind with body: own.`,
  },
});
