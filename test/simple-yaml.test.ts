// The YAML fast path (src/reader/simple-yaml.ts) must give exactly what the full strict parser
// gives — values, positions, no problems — or decline. Compared on every fixture and seed file,
// on generated benchmark content, on hand-written edge cases and on random documents.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateContent } from '../bench/generate-content.ts';
import { splitFrontmatter } from '../src/reader/frontmatter.ts';
import { PositionIndex } from '../src/reader/positions.ts';
import { parseSimpleYaml } from '../src/reader/simple-yaml.ts';
import { parseStrictYaml } from '../src/reader/strict-yaml.ts';
import { fixturesDir, projectRoot } from './helpers/fixtures.ts';

function positionsOf(index: PositionIndex) {
  const maps = index as unknown as { keys: Map<string, unknown>; values: Map<string, unknown> };
  return { keys: Object.fromEntries(maps.keys), values: Object.fromEntries(maps.values) };
}

/** Asserts the fast path declines or agrees with the full parser; returns whether it took the text. */
function agrees(text: string, lineOffset = 0): boolean {
  const simple = parseSimpleYaml(text, lineOffset);
  if (!simple) return false;
  const full = parseStrictYaml(text, { lineOffset, simple: false });
  expect(full.problems, text).toEqual([]);
  expect(simple.value, text).toStrictEqual(full.value);
  expect(Object.getPrototypeOf(simple.value)).toBe(Object.getPrototypeOf(full.value));
  expect(positionsOf(simple.positions), text).toEqual(positionsOf(full.positions));
  return true;
}

/** YAML texts of a content folder: data files whole, PRDs' frontmatter with its line offset. */
function yamlTexts(dir: string): { file: string; text: string; lineOffset: number }[] {
  const texts: { file: string; text: string; lineOffset: number }[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const file = path.join(folder, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith('.yaml')) texts.push({ file, text: readFileSync(file, 'utf8').replace(/\r\n/g, '\n').replace(/^\ufeff/, ''), lineOffset: 0 });
      else if (name.endsWith('.md')) {
        const split = splitFrontmatter(readFileSync(file, 'utf8').replace(/\r\n/g, '\n').replace(/^\ufeff/, ''));
        if (split.frontmatter !== undefined) texts.push({ file, text: split.frontmatter, lineOffset: split.frontmatterLineOffset });
      }
    }
  };
  walk(dir);
  return texts;
}

describe('the YAML fast path', () => {
  const temp = mkdtempSync(path.join(tmpdir(), 'decision-packet-simple-yaml-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('agrees with the full parser on every fixture and the seed content', () => {
    let taken = 0;
    const texts = [...yamlTexts(fixturesDir), ...yamlTexts(path.join(projectRoot, 'content'))];
    for (const { text, lineOffset } of texts) if (agrees(text, lineOffset)) taken += 1;
    expect(texts.length).toBeGreaterThan(100);
    expect(taken).toBeGreaterThan(texts.length / 2);
  });

  it('takes and agrees on generated content (every record kind but repositories.yaml, roster.yaml, approvals and the kind files)', () => {
    const { contentDir } = generateContent(temp, 30, { git: false });
    const texts = yamlTexts(contentDir);
    const declined = texts.filter(({ text, lineOffset }) => !agrees(text, lineOffset)).map(({ file }) => path.basename(file));
    // Approval entries carry their signatures as block scalars: the full parser reads them.
    const approvals = declined.filter((file) => file.endsWith('.approvals.yaml'));
    expect(approvals).toHaveLength(30);
    expect(declined.filter((file) => !file.endsWith('.approvals.yaml')).sort()).toEqual(['prd-frontmatter.yaml', 'provider-decision.yaml', 'repositories.yaml', 'roster.yaml']);
  });

  const edgeCases = [
    'a: b',
    'a: b\n',
    '# c\n\na: b # c\n# d\n',
    'a: b#c',
    'a: b #c\nb: "x # y"',
    'a: "x"#c',
    "a: 'x' # c",
    "a: 'it''s'",
    'a: "a\\nb"',
    'a: ""',
    "a: ''",
    'a:    spaced   ',
    'a: b\nb: c\na: d',
    'a: b: c',
    'a: b:',
    'a: http://x.y/z?q=1',
    'a: 2026-05-31',
    'a: 0123',
    'a: 1_000',
    'a: +1',
    'a: -1',
    'a: .5',
    'a: 1e3',
    'a: 1.5',
    'a: 0x1F',
    'a: 0o17',
    'a: .inf',
    'a: .NaN',
    'a: null',
    'a: Null',
    'a: ~',
    'a: True',
    'a: yes',
    'a: no',
    'a: on',
    'a:',
    'a:\nb: c',
    'a: # c\n  b: c',
    'a:\n  b: c\n  d: e\nf: g',
    'a:\n  # c\n  b: c\n# d\nf: g',
    'a:\n    b: c\n    d:\n      e: f\n    g: h\ni: j',
    'a:\n  b: c\n d: e',
    'a:\n  b: c\n    d: e',
    'a:\n- b',
    'a:\n  - b',
    'a: [b, c]',
    'a: [b,c]',
    'a: [ b , c ]',
    'a: []',
    'a: [ ]',
    'a: [b,]',
    'a: [b c]',
    'a: ["b"]',
    'a: [1, b]',
    'a: [b] # c',
    'a: [b]#c',
    'a: [[b]]',
    'a: {b: c}',
    '$schema: x\nprd: y',
    'true: x',
    'null: x',
    '<<: x',
    '? a\n: b',
    '---\na: b',
    'a: b\n---\nc: d',
    'a: b\n...',
    '%YAML 1.2\n---\na: b',
    'a: &x b',
    'a: *x',
    'a: !t b',
    'a: @b',
    'a: `b',
    'a: |\n  b',
    'a: >\n  b',
    'a: b\n  c',
    'a: "b\n  c"',
    'a:\tb',
    '\ta: b',
    'a: b\r',
    'a: caf\u00e9 \u2014 ok',
    'a: b\u2028c',
    '  a: b',
    'a : b',
    'a:b',
    '"a": b',
    'a-b_c$: d',
    '__proto__: x',
    'toString: x\nconstructor: y',
    'a:\n  b: c\na: d',
    `${'k'.repeat(1100)}: v`,
    '',
    '# only a comment',
    'a: -b',
    'a: ?b',
    'a: :b',
    'a: b,c',
    'a: b]',
    'a: {',
    'a: x\n\n\n',
  ];

  it('declines or agrees on edge cases, and declines what it must not read', () => {
    for (const text of edgeCases) agrees(text);
    for (const text of ['a: b\nb: c\na: d', 'a: "a\\nb"', 'a: 1e3', 'a: null', 'a:', 'a:\n- b', '<<: x', 'a: &x b', 'a: *x', 'a: !t b', '---\na: b', 'a:\tb', `${'k'.repeat(1100)}: v`]) {
      expect(parseSimpleYaml(text), text).toBeUndefined();
    }
    expect(parseSimpleYaml('a: b # c\nd:\n  e: [f, g]\n')).toBeDefined();
  });

  it('declines or agrees on random documents', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const choose = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const keys = ['a', 'b', 'title', '$schema', 'x-y', 'k_1', 'true', 'c'];
    const values = ['v', 'two words', '"q"', "'s'", '[p, q]', '[]', '2026-01-02', '12', 'x # c', '"a#b"', 'a: b', '', '- i', '&a v', 'é', '"', "'a''b'", '[a, 1]'];
    const indents = ['', '', '', '  ', '    ', ' '];
    let taken = 0;
    for (let doc = 0; doc < 3000; doc += 1) {
      const lines: string[] = [];
      const count = 1 + Math.floor(random() * 6);
      for (let line = 0; line < count; line += 1) {
        const roll = random();
        if (roll < 0.1) lines.push(`${choose(indents)}# comment`);
        else if (roll < 0.15) lines.push('');
        else {
          const value = choose(values);
          lines.push(`${choose(indents)}${choose(keys)}:${value === '' ? '' : ` ${value}`}`);
        }
      }
      if (agrees(lines.join('\n'), Math.floor(random() * 3))) taken += 1;
    }
    expect(taken).toBeGreaterThan(100);
  });
});

describe('the YAML fast path on generated text with Unicode spaces, format characters and YAML punctuation', () => {
  // A seeded generator: the same documents every run.
  let state = 0x51ed2701;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const choose = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  // Spaces YAML does not strip (JavaScript's trim does), format characters, and YAML's own punctuation.
  const unicodeSpaces = ['\u00a0', '\u2003', '\u3000', '\u2009', '\u202f', '\u1680', '\u205f', '\u0085', '\u2028'];
  const formatCharacters = ['\u200b', '\u00ad', '\ufeff', '\u200d', '\u2060'];
  const pieces = ['not_decided', 'value', 'x', '1', 'true', 'null', '2026-01-01', 'a b', ' ', '  ', ':', ': ', ' :', '#', ' #', ' # c', '"', "'", '-', '[', ']', ',', '{', '\r', '\t', '', 'ü', ...unicodeSpaces, ...formatCharacters];
  const scalar = () => Array.from({ length: Math.floor(random() * 4) }, () => choose(pieces)).join('');
  const line = (indent: string) => {
    const key = choose(['title', 'status', 'prd', 'work_item', 'a', `k${choose(formatCharacters)}`, `${choose(unicodeSpaces)}key`]);
    const value = choose([
      () => scalar(),
      () => `${choose(['not_decided', 'blocked', 'draft'])}${choose([...unicodeSpaces, ...formatCharacters, ' ', ''])}`,
      () => `${choose(unicodeSpaces)}${choose(['not_decided', 'x'])}`,
      () => `"${scalar()}"${choose(['', ' ', ' # c', choose(unicodeSpaces)])}`,
      () => `'${scalar()}'${choose(['', ' ', ' # c', choose(unicodeSpaces)])}`,
      () => `[${choose(['a', 'b', `a${choose(unicodeSpaces)}`, `${choose(unicodeSpaces)}b`, ''])}, ${choose(['c', `c${choose(formatCharacters)}`, ' d '])}]${choose(['', choose(unicodeSpaces)])}`,
      () => '',
    ])();
    return `${indent}${key}:${choose([' ', '  ', '', choose(unicodeSpaces)])}${value}${choose(['', '', '\r', ' ', choose(unicodeSpaces)])}`;
  };
  const documents = Array.from({ length: 4000 }, () => {
    const lines: string[] = [];
    const count = 1 + Math.floor(random() * 5);
    for (let index = 0; index < count; index += 1) {
      const kind = random();
      if (kind < 0.1) lines.push(choose(['# comment', '', choose(unicodeSpaces), `${choose(unicodeSpaces)}# c`, ' ']));
      else if (kind < 0.25 && index > 0) lines.push(line('  '));
      else lines.push(line(''));
    }
    return lines.join(choose(['\n', '\n', '\r\n']));
  });

  it('gives the full parser\'s values and positions exactly, or declines', () => {
    let taken = 0;
    for (const text of documents) {
      const full = parseStrictYaml(text, { simple: false });
      const simple = parseSimpleYaml(text);
      if (!simple) continue;
      taken += 1;
      expect(full.problems.map((problem) => problem.rule), JSON.stringify(text)).toEqual([]);
      expect(simple.value, JSON.stringify(text)).toStrictEqual(full.value);
      expect(positionsOf(simple.positions), JSON.stringify(text)).toEqual(positionsOf(full.positions));
    }
    // Not vacuous: the fast path takes a good share of the documents.
    expect(taken).toBeGreaterThan(50);
  });

  it('keeps a trailing no-break, em or ideographic space in a value, as YAML does', () => {
    for (const space of ['\u00a0', '\u2003', '\u3000']) {
      const text = `decision_status: not_decided${space}\n`;
      const simple = parseSimpleYaml(text);
      const full = parseStrictYaml(text, { simple: false });
      expect(full.value).toEqual({ decision_status: `not_decided${space}` });
      if (simple) expect(simple.value).toEqual(full.value);
      expect(parseStrictYaml(text).value).toEqual({ decision_status: `not_decided${space}` });
    }
  });
});
