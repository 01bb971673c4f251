// anchorsNeedChecking: the cheap test that lets the DP210 gate skip parsing a PRD. Whenever it
// says a PRD need not be checked, the full check (criterionAnchors) must find nothing wrong:
// compared on hand-made tricks (markup, references and breaks that build a marker) and on
// thousands of random acceptance-criteria lists.
import { describe, expect, it } from 'vitest';
import { criterionAnchors } from '../src/markdown/criteria.ts';
import { anchorName, anchorsNeedChecking } from '../src/markdown/criterion-anchors.ts';

/** What the gate would report: an invalid marker name or a repeated anchor. */
function anchorProblems(body: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const criterion of criterionAnchors(body)) {
    if (criterion.invalidName !== undefined) problems.push(`invalid ${criterion.invalidName}`);
    else if (seen.has(criterion.anchor)) problems.push(`repeated ${criterion.anchor}`);
    seen.add(criterion.anchor);
  }
  return problems;
}

const prd = (...items: string[]) => `# PRD\n\nText.\n\n## Acceptance Criteria\n\n${items.map((item) => `- ${item}`).join('\n')}\n`;

describe('anchorsNeedChecking', () => {
  it('lets plain, valid, distinct markers through without parsing', () => {
    expect(anchorsNeedChecking(prd('One {#one}', 'Two {#two}', 'Three', 'A {brace} and {} {{x}}'))).toBe(false);
    expect(anchorsNeedChecking(prd('No markers at all'))).toBe(false);
  });

  it('asks for the full check when a marker could be invalid, repeated or built by markup', () => {
    const tricky = [
      prd('One {#one}', 'Two {#one}'), // repeated
      prd('One {#One}'), // invalid name
      prd('One {#}'), // empty name
      prd('One {#1x}'), // starts with a digit
      prd('One {#a b}'),
      prd('x {`#one`}', 'y {#one}'), // code span builds a second {#one}
      prd('x {*#one*}', 'y {#one}'), // emphasis
      prd('x {  \n  #one}', 'y {#one}'), // hard break: toString drops it
      prd('x {\\\n  #one}', 'y {#one}'), // backslash break
      prd('x &#123;#one}', 'y {#one}'), // character reference
      prd('x &lbrace;#one}', 'y {#one}'),
      prd('x {<b></b>#one}', 'y {#one}'), // raw HTML dropped from the text
      prd('x {[#one](https://example.com)}', 'y {#one}'), // link text
      prd('x {![#one](a.png)}', 'y {#one}'), // image alt
      prd('x {\\#one}', 'y {#one}'),
      prd(`x {#${'a'.repeat(70)}}`),
    ];
    for (const body of tricky) expect(anchorsNeedChecking(body), body).toBe(true);
  });

  it('never skips a PRD the full check would refuse (random lists)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const choose = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const names = ['a', 'b', 'ab', 'x-1', 'A', '1', '', 'a_b', 'long-name'];
    const pieces = [
      () => 'text',
      () => ' ',
      () => `{#${choose(names)}}`,
      () => '{',
      () => '}',
      () => '#',
      () => '`',
      () => '*',
      () => '_',
      () => '\\',
      () => '  \n  ',
      () => '\n  ',
      () => '&#123;',
      () => '&amp;',
      () => '<i>',
      () => '</i>',
      () => '[',
      () => '](https://x.y)',
      () => '!',
      () => choose(names),
      () => '{}',
    ];
    let skipped = 0;
    for (let run = 0; run < 4000; run += 1) {
      const items = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
        Array.from({ length: 1 + Math.floor(random() * 6) }, () => choose(pieces)()).join(''),
      );
      const body = prd(...items);
      if (!anchorsNeedChecking(body)) {
        skipped += 1;
        expect(anchorProblems(body), body).toEqual([]);
      }
    }
    expect(skipped).toBeGreaterThan(500);
  });

  it('agrees with the anchor name rule', () => {
    for (const name of ['a', 'abc-1', 'z9']) expect(anchorName.test(name)).toBe(true);
    for (const name of ['A', '1a', '-a', 'a_b']) expect(anchorName.test(name)).toBe(false);
  });
});
