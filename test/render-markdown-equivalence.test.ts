// PRDs are parsed by Sätteri and rendered exactly as the remark pipeline rendered them: the same
// html, criteria (anchor, text, html, line), criterion anchors and rendered texts (what the secret
// scan reads), byte for byte, for every PRD and decision body the repository and its fixtures
// hold, generated bench PRDs, hostile and injection inputs, and 2,600 seeded random
// CommonMark documents. The remark pipeline is kept as test/reference/remark-render.ts.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { generateContent } from '../bench/generate-content.ts';
import { splitFrontmatter } from '../src/reader/frontmatter.ts';
import { acceptanceCriteria, criterionAnchors } from '../src/markdown/criteria.ts';
import { parsedBySatteri } from '../src/markdown/parse.ts';
import { renderedTexts } from '../src/markdown/rendered-texts.ts';
import { renderPrd } from '../src/site/prd-html.ts';
import { fixturesDir } from './helpers/fixtures.ts';
import { seededRandom } from './helpers/fake-secrets.ts';
import * as remark from './reference/remark-render.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');

interface Input {
  name: string;
  body: string;
  bodyLine: number;
}

/** Every markdown file under a folder, as its body after the frontmatter. */
function markdownFiles(dir: string): Input[] {
  const out: Input[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...markdownFiles(file));
    else if (name.endsWith('.md')) {
      const split = splitFrontmatter(readFileSync(file, 'utf8'));
      out.push({ name: path.relative(repoRoot, file), body: split.body, bodyLine: split.bodyLine });
    }
  }
  return out;
}

/** Both pipelines agree on everything a PRD body gives the site, the gates and the secret scan. */
function expectSameAsRemark(input: Input): void {
  const { name, body, bodyLine } = input;
  const pairs: [unknown, unknown][] = [
    [renderPrd(body, bodyLine), remark.renderPrd(body, bodyLine)],
    // What the packet diff reads: the criteria without rendering them.
    [
      acceptanceCriteria(body, bodyLine),
      remark.renderPrd(body, bodyLine).criteria.map(({ anchor, text, line }) => ({ anchor, text, line })),
    ],
    [criterionAnchors(body, bodyLine), remark.criterionAnchors(body, bodyLine)],
    [renderedTexts(body, bodyLine), remark.renderedTexts(body, bodyLine)],
  ];
  // Strict equality first (fast); toEqual only to show a difference.
  for (const [ours, theirs] of pairs) if (!isDeepStrictEqual(ours, theirs)) expect(ours, name).toEqual(theirs);
}

// The inputs of the security tests (render-markdown, secrets, hostile-input): raw HTML, unsafe
// links, character references, escapes, deep nesting.
const hostile: string[] = [
  '<script>document.title = "pwned"</script>\n',
  '<div onmouseover="pwned()" style="position:fixed">pwned</div>\n',
  '<iframe src="https://evil.example/"></iframe>\n',
  'Text <img src="x" onerror="pwned()"> more.\n',
  'A <span style="color:red" onclick="pwned()">word</span>.\n',
  'A <a href="https://example.org/" onclick="pwned()">link</a>.\n',
  '<style>body { display: none }</style>\n',
  '<!-- <script>pwned()</script> -->\n',
  'Before <script>pwned()</script> after.\n',
  '[x](javascript:pwned())',
  '[x](JAVASCRIPT:pwned())',
  '[x](java&#x09;script:pwned())',
  '[x](java&#10;script:pwned())',
  '[x](&#106;avascript:pwned())',
  '[x](java%09script:pwned())',
  '[x](   javascript:pwned())',
  '[x](<javascript:pwned()>)',
  '[x][ref]\n\n[ref]: javascript:pwned()',
  '<javascript:pwned()>',
  '[x](data:text/html;base64,PHNjcmlwdD5wd25lZDwvc2NyaXB0Pg==)',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9InB3bmVkIi8+)',
  '[x](vbscript:pwned)',
  '[x](file:///etc/passwd)',
  '![diagram](https://example.com/d.png) and ![local](../../secret.png)\n',
  '# PRD\n\n## Acceptance Criteria\n\n- Keeps <script>pwned()</script> out of [here](javascript:pwned()). {#safe}\n',
  '# PRD\n\n## Acceptance Criteria\n\n- Has `code` and [a link](https://example.org/). {#named}\n',
  'Token &#x67;&#104;p&#95;abc &amp; &copy; &#0; &#xD800; &bogus; \\*x\\* \\\\ \\` \\{#a\\}\n',
  '- a\n  - b\n    - c\n      - d\n        - e\n          - f\n',
  `${'*'.repeat(40)}deep${'*'.repeat(40)} ${'_'.repeat(30)}x${'_'.repeat(30)}\n`,
  `${'> '.repeat(30)}quoted\n`,
  `${'  '.repeat(15)}- item\n`,
  `${'*_'.repeat(200)}\n`,
  `${'`'.repeat(3000)}\n`,
  `${'&#'.repeat(3000)}\n`,
  `${'{#'.repeat(3000)}\n`,
  `${'<a '.repeat(2000)}\n`,
  `${'!['.repeat(16)}x${'](y)'.repeat(16)}\n`,
  `${'\\'.repeat(5000)}\n`,
  `${'a://'.repeat(400)}${'x'.repeat(300)}:${'y'.repeat(300)}\n`,
  '---\ntitle: again\n---\n\n# After a second frontmatter\n',
  '+++\ntitle = "toml"\n+++\n\nTOML-looking start.\n',
  'A NUL \u0000 inside.\n',
  '\uFEFFA byte-order mark.\n',
  'CRLF\r\nlines\r\n\r\n- a\r\n- b\r\n',
  'Lone\rCR\r\r# h\r',
  '- a\n  <div>\n  x\n  </div>\n- b\n',
  '> <!-- c -->\n> x\n',
  '## Acceptance Criteria\n\n- <b>bold</b> start {#b}\n- <!-- x --> comment\n\n  <div>block</div>\n',
  'é *ü* 漢字 😀 &eacute; {#x}\n\n## Acceptance Criteria\n\n- Ünïcödé 😀 criterion {#uni}\n',
];

describe('Sätteri renders PRDs as remark did', () => {
  const temp = mkdtempSync(path.join(tmpdir(), 'decision-packet-markdown-equivalence-'));
  afterAll(() => {
    rmSync(temp, { recursive: true, force: true });
  });

  it('for every markdown file of the repository content and the test fixtures (the seed PRD among them)', () => {
    const inputs = [...markdownFiles(path.join(repoRoot, 'content')), ...markdownFiles(fixturesDir)];
    expect(inputs.some((input) => input.name.startsWith('content/prds/'))).toBe(true);
    expect(inputs.length).toBeGreaterThan(10);
    expect(parsedBySatteri(inputs.find((input) => input.name.startsWith('content/prds/'))!.body)).toBe(true);
    for (const input of inputs) expectSameAsRemark(input);
  });

  it('for generated bench PRDs', () => {
    const { contentDir } = generateContent(temp, 120, { git: false });
    const inputs = markdownFiles(path.join(contentDir, 'prds'));
    expect(inputs.length).toBe(120);
    // All of them on the fast path: the comparison is Sätteri's against remark's.
    expect(inputs.filter((input) => parsedBySatteri(input.body)).length).toBe(120);
    for (const input of inputs) expectSameAsRemark(input);
  });

  it('for raw HTML, unsafe links, character references, escapes and hostile nesting', () => {
    for (const [index, body] of hostile.entries()) {
      expectSameAsRemark({ name: `hostile ${index}`, body, bodyLine: 1 });
      expectSameAsRemark({
        name: `hostile ${index} in criteria`,
        body: `# T\n\n## Acceptance Criteria\n\n- ${body.replace(/\n(?=.)/g, '\n  ')}`,
        bodyLine: 7,
      });
    }
  });

  it('for documents holding NULs, which Sätteri parses once each NUL is U+FFFD as remark makes it', () => {
    const random = seededRandom(0x00_2026);
    const bases = [
      'a b *x* `c`\n\n    code\n',
      '## Acceptance Criteria\n\n- one {#a}\n- two &#0; \\x\n',
      '[x](y "t") ![a](i.png)\n\n[r]: /u\n\n[r]\n',
      '```\nx\n```\n\n> q\n\n# h\n',
    ];
    let bySatteri = 0;
    for (const [index, base] of bases.entries()) {
      for (let round = 0; round < 40; round += 1) {
        let body = base;
        for (let count = 0; count < 1 + Math.floor(random() * 4); count += 1) {
          const at = Math.floor(random() * (body.length + 1));
          body = `${body.slice(0, at)}\0${body.slice(at)}`;
        }
        if (parsedBySatteri(body)) bySatteri += 1;
        expectSameAsRemark({ name: `NUL ${index}/${round}: ${JSON.stringify(body)}`, body, bodyLine: 1 + (round % 5) });
      }
    }
    expect(bySatteri).toBeGreaterThan(100);
  });

  it('for 600 seeded random CommonMark documents', () => {
    const random = seededRandom(0x5eed_2026);
    let bySatteri = 0;
    for (let index = 0; index < 600; index += 1) {
      const body = randomDocument(random);
      if (parsedBySatteri(body)) bySatteri += 1;
      expectSameAsRemark({ name: `random ${index}: ${JSON.stringify(body)}`, body, bodyLine: 1 + (index % 9) });
    }
    // A good part of them, hostile as they are, take Sätteri's tree; the rest are remark's by construction.
    expect(bySatteri).toBeGreaterThan(120);
  });

  it('for 2,000 more seeded random documents that Sätteri parses', () => {
    const random = seededRandom(0x2026_5eed);
    let compared = 0;
    for (let attempt = 0; compared < 2000 && attempt < 20_000; attempt += 1) {
      const body = randomDocument(random);
      if (!parsedBySatteri(body)) continue;
      compared += 1;
      expectSameAsRemark({ name: `random ${attempt}: ${JSON.stringify(body)}`, body, bodyLine: 1 + (attempt % 7) });
    }
    expect(compared).toBe(2000);
  });
});

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const words = [
  'alpha',
  'beta',
  'Packet',
  'keeps',
  'not_decided',
  'x',
  'a-b',
  'É',
  '😀',
  '1.',
  '2)',
  '#',
  '+',
  '-',
  '*',
  '_',
  '~',
  '=',
  '|',
  ':',
  '"q"',
  "'s'",
  '--',
  '...',
  '(c)',
  'www.example.com',
  'https://example.org/p',
  'a@b.org',
  'ü',
  '“q”',
  '—',
  '€',
  '\u00a0',
  'x\u00a0',
  '日本',
  '½',
];
const inlineMakers: ((random: Random, depth: number) => string)[] = [
  (random) => pick(random, words),
  (random, depth) => `*${inline(random, depth + 1)}*`,
  (random, depth) => `**${inline(random, depth + 1)}**`,
  (random, depth) => `_${inline(random, depth + 1)}_`,
  (random, depth) => `__${inline(random, depth + 1)}__`,
  (random) => `\`${pick(random, ['code', 'a `b`', ' x ', '{#c}', '<b>'])}\``,
  (random) => `\`\`${pick(random, ['a`b', ' `` '])}\`\``,
  (random, depth) =>
    `[${inline(random, depth + 1)}](${pick(random, ['https://example.org/', '/p/a', '#ac-1', 'javascript:x()', 'mailto:a@b.org', '<a b>', 'x "title"', "y 'title'", 'z (title)', 'data:text/html,x', '&#106;avascript:x'])})`,
  (random, depth) => `[${inline(random, depth + 1)}][${pick(random, ['ref', 'Ref', 'missing'])}]`,
  (random) => `[${pick(random, ['ref', 'missing'])}]`,
  (random) => `![${pick(random, ['alt', 'a *b*', ''])}](${pick(random, ['i.png', 'https://example.org/i.png "t"', 'javascript:x'])})`,
  (random) => `<${pick(random, ['https://example.org/a', 'mailto:a@b.org', 'a@b.org', 'javascript:x', 'b', '/b', 'span class="c"'])}>`,
  (random) =>
    pick(random, [
      '<b>',
      '</b>',
      '<span onclick="x()">',
      '</span>',
      '<!-- c -->',
      '<?php x ?>',
      '<![CDATA[x]]>',
      '<a href="javascript:x">',
      '<br/>',
    ]),
  (random) => pick(random, ['&amp;', '&lt;', '&copy;', '&#123;', '&#x7B;', '&#0;', '&nbsp;', '&bogus;', '&#xFFFFFF;', '&']),
  (random) => pick(random, ['\\*', '\\_', '\\`', '\\\\', '\\{', '\\#', '\\[', '\\!', '\\a', '\\']),
  (random) => pick(random, ['{#name}', '{#a-b}', '{#Bad}', '{#}', '{# x}', '{#ac-1}', '{#9x}', '\\{#n}', '{#n\\}']),
  () => '  \n',
  () => '\\\n',
  () => '\n',
  (random) => pick(random, [' ', '  ', '\t', '']),
  (random) => pick(random, ['|', '| a | b |', '|---|---|', '~~s~~', '^s^', '$x$', '[[w]]', '[^1]']),
];

function inline(random: Random, depth = 0): string {
  const count = 1 + Math.floor(random() * (depth > 2 ? 2 : 5));
  let out = '';
  for (let index = 0; index < count; index += 1) {
    const maker = depth > 3 ? inlineMakers[0]! : pick(random, inlineMakers);
    out += maker(random, depth);
    if (random() < 0.6) out += ' ';
  }
  return out.replace(/^\s+|\s+$/g, '') || 'w';
}

function indent(text: string, by: string): string {
  return text.replace(/\n(?=.)/g, `\n${by}`);
}

const blockMakers: ((random: Random, depth: number) => string)[] = [
  (random) => inline(random),
  (random) => `${'#'.repeat(1 + Math.floor(random() * 7))} ${inline(random)}${pick(random, ['', ' #', ' ##', ' {#h}'])}`,
  (random) => `${inline(random)}\n${pick(random, ['===', '---', '=', '- - -'])}`,
  (random) => pick(random, ['## Acceptance Criteria', '# Acceptance criteria', '### ACCEPTANCE CRITERIA', '## Scope', '## Validation']),
  (random, depth) => list(random, depth),
  (random, depth) => list(random, depth),
  (random, depth) => `> ${indent(block(random, depth + 1), '> ')}`,
  (random) =>
    `\`\`\`${pick(random, ['', 'js', 'yaml {#x}', 'a b'])}\n${inline(random)}\n${pick(random, ['<b>x</b>', '&amp;', '{#n}', ''])}\n\`\`\``,
  (random) => `~~~\n${inline(random)}\n~~~`,
  (random) => `    ${inline(random)}\n    ${pick(random, ['<b>', 'x', '&copy;'])}`,
  (random) =>
    pick(random, [
      '<div>\nblock *x*\n</div>',
      '<script>x()</script>',
      '<!-- comment\nmore -->',
      '<pre>\n*p*\n</pre>',
      '<details><summary>s</summary>',
      '<table><tr><td>x</td></tr></table>',
      '<style>b{}</style>',
      '<a href="javascript:x">a</a>',
    ]),
  (random) =>
    `[${pick(random, ['ref', 'Ref', 'other'])}]: ${pick(random, ['https://example.org/r', 'javascript:x', '/r "T"', "<a b> 't'"])}`,
  (random) => pick(random, ['***', '---', '___', ' * * *']),
  (random) => `| a | b |\n|---|---|\n| ${inline(random)} | c |`,
  (random) => `Term\n: ${inline(random)}`,
  () => `$$\nx\n$$`,
  (random) => `:::note\n${inline(random)}\n:::`,
  (random) => `[^1]: ${inline(random)}`,
];

function list(random: Random, depth: number): string {
  const ordered = random() < 0.4;
  const marker = ordered ? pick(random, ['1.', '1)', '3.']) : pick(random, ['-', '*', '+']);
  const items: string[] = [];
  const count = 1 + Math.floor(random() * 4);
  const width = ' '.repeat(marker.length + 1);
  for (let index = 0; index < count; index += 1) {
    let item = depth < 3 && random() < 0.3 ? block(random, depth + 1) : inline(random);
    if (depth < 3 && random() < 0.3) item += `${random() < 0.5 ? '\n\n' : '\n'}${block(random, depth + 1)}`;
    if (random() < 0.3) item += ` ${pick(random, ['{#name}', '{#n-2}', '{#Bad}', '{#ac-1}'])}`;
    items.push(`${marker} ${indent(item, width)}`);
  }
  return items.join(random() < 0.3 ? '\n\n' : '\n');
}

function block(random: Random, depth = 0): string {
  return depth > 3 ? inline(random) : pick(random, blockMakers)(random, depth);
}

function randomDocument(random: Random): string {
  const blocks: string[] = [];
  if (random() < 0.1) blocks.push(pick(random, ['---\na: 1\n---', '+++\na = 1\n+++', '---\n---']));
  const count = 1 + Math.floor(random() * 10);
  for (let index = 0; index < count; index += 1) blocks.push(block(random));
  const separator = () => pick(random, ['\n\n', '\n', '\n\n\n']);
  let out = '';
  for (const [index, text] of blocks.entries()) out += (index ? separator() : '') + text;
  if (random() < 0.2) out = out.replace(/\n/g, '\r\n');
  return out + pick(random, ['\n', '', '\n\n']);
}
