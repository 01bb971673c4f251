// The engine is generic, the kind is data: nothing in src/ names a state, field, role, work item
// or term of the seed decision (CONTRACT.md, "Decision kinds"). Each exception below is a line
// that is not about the seed decision at all, with the reason it may stay.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/fixtures.ts';

const seedTerms = /CTO-|CTO_HARNESS|anthropic|claude|Hermes|Stage 2|stage2|local_adapter|provider|admission/i;

/** file (relative to src/) → lines that may match, and why. */
const exceptions: { file: RegExp; line: RegExp; why: string }[] = [
  {
    file: /^secrets\/detectors\.ts$/,
    line: /API key|secret shapes|sk-ant-/,
    why: 'secret detectors name the vendor whose key shape they recognise',
  },
  { file: /^secrets\/engine\.ts$/, line: /secretlint-rule-anthropic/, why: 'the name of a secretlint rule package' },
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const absolute = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(absolute) : [absolute];
  });
}

describe('src/ names no seed term', () => {
  it('finds no state, field, role, work item or term of the seed decision in the engine', () => {
    const src = path.join(projectRoot, 'src');
    const files = filesUnder(src);
    expect(files.length).toBeGreaterThan(50);
    const hits: string[] = [];
    for (const absolute of files) {
      const file = path.relative(src, absolute).split(path.sep).join('/');
      readFileSync(absolute, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (!seedTerms.test(line)) return;
          if (exceptions.some((exception) => exception.file.test(file) && exception.line.test(line))) return;
          hits.push(`src/${file}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(hits).toEqual([]);
  });

  it('catches a seed term the way it is meant to', () => {
    for (const line of ['status: local_adapter', 'Stage 2 pass', 'approves_provider', 'CTO-WORK-020'])
      expect(seedTerms.test(line)).toBe(true);
    expect(seedTerms.test('decision_status of a kind')).toBe(false);
  });
});

describe('src/ says state, not branch', () => {
  // "branch" is the seed's word for a state; in the engine it names only git branches and the
  // old anchors and kind keys kept as aliases so that published links and old kinds still work.
  const allowed = [/^git\//, /^cli\/diff\.ts$/];
  const aliasLine = /aliasAnchor|alias="branches"|former `#branch-…` anchor|'page\.branches_(heading|intro)'/;

  it('finds "branch" only for git and the anchor aliases', () => {
    const src = path.join(projectRoot, 'src');
    const hits: string[] = [];
    for (const absolute of filesUnder(src)) {
      const file = path.relative(src, absolute).split(path.sep).join('/');
      if (allowed.some((pattern) => pattern.test(file))) continue;
      readFileSync(absolute, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (/branch/i.test(line) && !aliasLine.test(line)) hits.push(`src/${file}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(hits).toEqual([]);
  });
});
