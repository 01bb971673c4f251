// The escaping functions of report/escape.ts, each against its target's own parser: markdown
// through remark (GFM), HTML by what it leaves, workflow commands by GitHub's escaping rules.
import type { Issue } from '../src/core/issue.ts';
import { toString as mdastToString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { errorPage } from '../src/integration/dev-server.ts';
import { codeSpan, htmlText, markdownText, oneLine, tableRow, terminalText, workflowData, workflowProperty } from '../src/report/escape.ts';
import { githubSummary, report } from '../src/report/reporters.ts';

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}
const parse = (markdown: string) => unified().use(remarkParse).use(remarkGfm).parse(markdown) as MdNode;
function types(node: MdNode, out = new Set<string>()): Set<string> {
  out.add(node.type);
  node.children?.forEach((child) => types(child, out));
  return out;
}
const find = (node: MdNode, type: string): MdNode[] => [
  ...(node.type === type ? [node] : []),
  ...(node.children ?? []).flatMap((child) => find(child, type)),
];

const breaks = ['\r', '\n', '\r\n', '\u2028', '\u2029', '\u0085', '\v', '\f'];
const marker = '<!-- decision-packet-review -->';
const hostile = [
  ...breaks.map((b) => `a${b}| x | y |${b}b`),
  '``` fence ```',
  '`',
  'ends with a backtick`',
  ' padded ',
  'pipe | and \\| escaped',
  '![img](https://images.example.test/p.png)',
  '<details><summary>s</summary>',
  marker,
  '*emphasis* _x_ ~~s~~ [link](https://example.test) &amp; $x$ @someone www.example.test https://example.test',
];

describe('markdown escaping, parsed by remark with GFM', () => {
  it('a code span in a table cell holds each hostile value whole, in one row of one table', () => {
    for (const value of hostile) {
      const markdown = [tableRow(['a', 'b']), tableRow(['---', '---']), tableRow([codeSpan(value, 'table'), markdownText(value)]), ''].join(
        '\n',
      );
      const tree = parse(markdown);
      const tables = find(tree, 'table');
      expect(tables, JSON.stringify(value)).toHaveLength(1);
      expect(
        tables[0]!.children!.map((row) => row.children!.length),
        JSON.stringify(value),
      ).toEqual([2, 2]);
      expect(
        [...types(tree)].filter((type) => !['root', 'table', 'tableRow', 'tableCell', 'text', 'inlineCode'].includes(type)),
        JSON.stringify(value),
      ).toEqual([]);
      // A backslash right before a pipe is shown doubled: GFM has no way to write it alone there.
      const shown = oneLine(value)
        .replace('<!--', '<!-\u200b-')
        .replace(/\\(?=\|)/g, '\\\\');
      expect(
        find(tree, 'inlineCode').map((node) => node.value),
        JSON.stringify(value),
      ).toEqual([shown]);
      expect(mdastToString(tables[0]!.children![1]!.children![1] as never).replace(/\u2060/g, '')).toBe(oneLine(value).trim()); // a cell is trimmed
      expect(markdown.includes('<!--'), JSON.stringify(value)).toBe(false);
    }
  });

  it('inline text and code spans outside tables make one paragraph of text and code only', () => {
    for (const value of hostile) {
      const tree = parse(`${markdownText(value)} ${codeSpan(value)}\n`);
      expect(
        tree.children!.map((node) => node.type),
        JSON.stringify(value),
      ).toEqual(['paragraph']);
      expect([...types(tree)].sort(), JSON.stringify(value)).toEqual(['inlineCode', 'paragraph', 'root', 'text']);
    }
  });

  it('every line break becomes a space', () => {
    for (const b of breaks) expect(oneLine(`a${b}b`)).toBe('a b');
  });
});

describe('HTML, terminal and workflow command escaping', () => {
  it('HTML text starts no element, entity or attribute', () => {
    expect(htmlText(`<img src="x" onerror='y'>&amp;`)).toBe('&lt;img src=&quot;x&quot; onerror=&#39;y&#39;&gt;&amp;amp;');
  });

  it('terminal text keeps line breaks and drops control characters (ANSI escapes)', () => {
    expect(terminalText('a\u001b[31mred\r\nb\u009bc')).toBe('a [31mred\nb c');
  });

  it('workflow data escapes %, CR and LF; properties also : and ,', () => {
    expect(workflowData('50%\r\n::error::x')).toBe('50%25%0D%0A::error::x');
    expect(workflowProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });
});

describe('channels that render issues', () => {
  const issue: Issue = {
    ruleId: 'DP101',
    file: `content/x\`\r| a |\r\`\`\u2028<img src=x>.yaml`,
    message: 'The file name is not a valid id.',
    hint: 'Rename it.',
  };

  it('the GitHub job summary keeps a hostile file name inside its one table row', () => {
    const tree = parse(githubSummary([issue]));
    const tables = find(tree, 'table');
    expect(tables).toHaveLength(1);
    expect(tables[0]!.children!.map((row) => row.children!.length)).toEqual([3, 3]);
    expect(find(tree, 'html')).toEqual([]);
    expect(find(tree, 'inlineCode').map((node) => node.value)).toEqual([`${oneLine(issue.file)}:1:1`]);
  });

  it('an annotation stays one workflow command', () => {
    const lines = report([issue], 'github').split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^::error file=content\/x`%0D\| a \|%0D``\u2028<img src=x>\.yaml,title=DP101 /);
  });

  it('the dev server error page shows the file name as text, never as an element', () => {
    const page = errorPage([issue]);
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;img src=x&gt;');
  });

  it('the pretty report passes no control character to the terminal', () => {
    const text = report([{ ...issue, file: 'content/\u001b[2Jx.yaml' }], 'pretty');
    expect(text).not.toContain('\u001b');
  });
});
