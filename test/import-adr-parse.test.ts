// One ADR's facts, in-process: the corners of the shapes the corpus test does not show.
import { describe, expect, it } from 'vitest';
import { parseAdr } from '../src/import/adr-parse.ts';

describe('parseAdr', () => {
  it('reads a setext title written on two lines as one line, with its line', () => {
    const adr = parseAdr('0001-x.md', 'Use one\nqueue per service\n=================\n\n## Status\n\nAccepted.\n');
    expect(adr.title).toEqual({ text: 'Use one queue per service', line: 1 });
    expect(adr.statuses).toEqual([{ text: 'Accepted.', links: [], line: 7 }]);
  });

  it('reports frontmatter that is not YAML at a line inside it, without quoting it', () => {
    const adr = parseAdr('0002-x.md', '---\nstatus: accepted\ndate: [2024-01-01\n---\n# X\n');
    expect(adr.findings).toEqual([
      { file: '0002-x.md', line: expect.any(Number), level: 'error', message: 'The frontmatter is not valid YAML: not mapped.' },
    ]);
    // Inside the frontmatter (lines 2–3), where the YAML parser places it.
    expect(adr.findings[0]!.line).toBeGreaterThanOrEqual(2);
    expect(adr.findings[0]!.line).toBeLessThanOrEqual(3);
    expect(adr.statuses).toEqual([]);
  });

  it('never expands a YAML alias: people given through an alias are not mapped', () => {
    const adr = parseAdr('0003-x.md', '---\nstatus: accepted\nconsulted: &a [Ada]\ninformed: *a\n---\n# X\n');
    expect(adr.people.consulted?.values).toEqual(['Ada']);
    expect(adr.people.informed).toBeUndefined();
    expect(adr.findings.map((finding) => [finding.line, finding.message])).toEqual([
      [4, 'informed is neither a text nor a list of texts: not mapped.'],
    ]);
  });
});
