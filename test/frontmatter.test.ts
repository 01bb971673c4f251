// splitFrontmatter slices the text instead of joining its lines: the same split as the line-wise
// reference below, over seeded random texts made of fences, near-fences, CRs and line ends.
import { describe, expect, it } from 'vitest';
import { splitFrontmatter, type SplitMarkdown } from '../src/reader/frontmatter.ts';
import { seededRandom } from './helpers/fake-secrets.ts';

function byLines(text: string): SplitMarkdown {
  const lines = text.split('\n');
  if (lines[0]?.replace(/\r$/, '') !== '---') return { frontmatterLineOffset: 0, body: text, bodyLine: 1 };
  for (let index = 1; index < lines.length; index += 1) {
    if (lines[index]!.replace(/\r$/, '') === '---') {
      return {
        frontmatter: lines.slice(1, index).join('\n'),
        frontmatterLineOffset: 1,
        body: lines.slice(index + 1).join('\n'),
        bodyLine: index + 2,
      };
    }
  }
  return { frontmatterLineOffset: 1, body: '', bodyLine: lines.length, unclosed: true };
}

describe('splitFrontmatter', () => {
  it('splits as the line-wise reference does', () => {
    const parts = ['---', '---\r', '\n', 'title: x', '', '--', '----', ' ---', '\r', '\n\n', '# Body'];
    const random = seededRandom(24);
    for (let run = 0; run < 20_000; run += 1) {
      const text = Array.from({ length: Math.floor(random() * 10) }, () => parts[Math.floor(random() * parts.length)]).join('');
      expect(splitFrontmatter(text), JSON.stringify(text)).toEqual(byLines(text));
    }
  });

  it('gives the lines of each part', () => {
    expect(splitFrontmatter('---\ntitle: x\nowner: y\n---\n# Body\ntext\n')).toEqual({
      frontmatter: 'title: x\nowner: y',
      frontmatterLineOffset: 1,
      body: '# Body\ntext\n',
      bodyLine: 5,
    });
    expect(splitFrontmatter('---\ntitle: x\n')).toEqual({ frontmatterLineOffset: 1, body: '', bodyLine: 3, unclosed: true });
  });
});
