// Every empty or truncated file of every record kind gets its shape rule with a location, never
// an internal error; a duplicate key names the key and the line of its first occurrence; a plain
// YAML value holding ": " that fails to parse gets a hint to quote it.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../src/validate/validate.ts';
import { makeContent } from './helpers/fixtures.ts';

async function validateWith(file: string, text: string, remove?: string) {
  const content = makeContent();
  if (remove) rmSync(path.join(content, remove));
  writeFileSync(path.join(content, file), text);
  try {
    return await validate({ contentDir: content, cwd: path.dirname(content), today: '2026-11-24', env: {} });
  } finally {
    rmSync(path.dirname(content), { recursive: true, force: true });
  }
}

const records = [
  { file: 'decisions/alpha.yaml', rule: 'DP205' },
  { file: 'evidence/alpha-validator.yaml', rule: 'DP206' },
  { file: 'work-items/ALPHA-1.yaml', rule: 'DP207' },
  { file: 'repositories.yaml', rule: 'DP208' },
];
const emptyForms = ['', '\n', '---', '---\n', 'null', '~', '[]', '""', '"x"', '42', '# only a comment\n'];

describe('empty and truncated files', () => {
  for (const { file, rule } of records) {
    it(`${file}: every empty form gives ${rule} at line 1, never an internal error`, async () => {
      for (const text of emptyForms) {
        const result = await validateWith(file, text);
        const issues = result.issues.filter((issue) => issue.file.endsWith(file));
        expect(issues, JSON.stringify(text)).toEqual([
          expect.objectContaining({
            ruleId: rule,
            line: 1,
            column: expect.any(Number),
            message: expect.stringContaining('must be a mapping of fields'),
          }),
        ]);
      }
    });

    it(`${file}: a file cut off inside a value gives DP104 at the cut`, async () => {
      const result = await validateWith(file, 'title: "cut off');
      expect(result.issues.filter((issue) => issue.file.endsWith(file))).toEqual([
        expect.objectContaining({ ruleId: 'DP104', line: 1, column: expect.any(Number) }),
      ]);
    });
  }

  it('a JSON decision that is empty or null gives DP205; a truncated one gives DP104', async () => {
    for (const text of ['', 'null', '[]', '""']) {
      const result = await validateWith('decisions/alpha.json', text, 'decisions/alpha.yaml');
      expect(
        result.issues.filter((issue) => issue.file.endsWith('alpha.json')),
        JSON.stringify(text),
      ).toEqual([expect.objectContaining({ ruleId: 'DP205', line: 1 })]);
    }
    const truncated = await validateWith('decisions/alpha.json', '{"prd": "alpha", "kind', 'decisions/alpha.yaml');
    const cut = truncated.issues.filter((issue) => issue.file.endsWith('alpha.json'));
    expect(cut.length).toBeGreaterThan(0);
    expect(cut).toEqual(cut.map(() => expect.objectContaining({ ruleId: 'DP104', line: 1, column: expect.any(Number) })));
  });

  it('a PRD with empty frontmatter, null or a list as frontmatter gives DP200 at the frontmatter; a bare "---" or an empty file DP107', async () => {
    for (const text of ['---\n---\n# Title\n', '---\n\n---\nBody\n', '---\nnull\n---\n', '---\n[]\n---\n']) {
      const result = await validateWith('prds/alpha.md', text);
      expect(
        result.issues.filter((issue) => issue.file.endsWith('alpha.md')),
        JSON.stringify(text),
      ).toEqual([expect.objectContaining({ ruleId: 'DP200', line: 2 })]);
    }
    for (const text of ['---', '---\n', '']) {
      const result = await validateWith('prds/alpha.md', text);
      expect(
        result.issues.filter((issue) => issue.file.endsWith('alpha.md')),
        JSON.stringify(text),
      ).toEqual([expect.objectContaining({ ruleId: 'DP107', line: 1, column: 1 })]);
    }
  });
});

describe('YAML messages', () => {
  it('a duplicate key names the key and the line of its first occurrence', async () => {
    const result = await validateWith('work-items/ALPHA-1.yaml', 'title: Alpha\nstatus: blocked\ntitle: Again\n');
    expect(result.issues).toEqual([
      expect.objectContaining({
        ruleId: 'DP105',
        line: 3,
        column: 1,
        field: 'title',
        message: 'The key "title" appears twice in the same mapping: first on line 1, again here.',
      }),
    ]);
  });

  it('a duplicate key that is not a plain field name is not repeated in the message', async () => {
    const result = await validateWith('work-items/ALPHA-1.yaml', 'title: Alpha\nstatus: blocked\n"a b: c": 1\n"a b: c": 2\n');
    expect(result.issues).toEqual([
      expect.objectContaining({
        ruleId: 'DP105',
        line: 4,
        message: 'A key appears twice in the same mapping: first on line 3, again here.',
      }),
    ]);
  });

  it('a plain value holding ": " that fails to parse gets a hint to quote it', async () => {
    const result = await validateWith('work-items/ALPHA-1.yaml', 'title: Review: the plan\nstatus: blocked\n');
    expect(result.issues).toEqual([
      expect.objectContaining({ ruleId: 'DP104', line: 1, message: expect.stringContaining('put the value in quotes (key: "a: b")') }),
    ]);
    const other = await validateWith('work-items/ALPHA-1.yaml', 'title: [unclosed\nstatus: blocked\n');
    expect(other.issues[0]!.message).not.toContain('put the value in quotes');
  });
});
