// Every input limit of the reader (DP110), each just over and just under its bound, and files
// the reader must refuse without opening (a FIFO).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFlowNesting, checkLineLengths, checkMarkdownNesting, inputLimits } from '../src/reader/input-limits.ts';
import { validate } from '../src/validate/validate.ts';
import { fixturesDir, makeContent } from './helpers/fixtures.ts';

const frontmatter = readFileSync(path.join(fixturesDir, 'base/prds/alpha.md'), 'utf8').split('\n# ')[0]!;

async function validatePrd(body: string) {
  const content = makeContent();
  writeFileSync(path.join(content, 'prds/alpha.md'), `${frontmatter}\n${body}\n`);
  const result = await validate({ contentDir: content, cwd: path.dirname(content), today: '2026-11-24', env: {} });
  rmSync(path.dirname(content), { recursive: true, force: true });
  return result;
}

const limitIssues = (result: Awaited<ReturnType<typeof validatePrd>>) => result.issues.filter((issue) => issue.ruleId === 'DP110');

describe('DP110 input limits', () => {
  it('refuses a PRD over its size limit without parsing it, and accepts one under it', async () => {
    const line = `${'Plain prose of a long PRD. '.repeat(20)}\n`;
    const over = await validatePrd(line.repeat(Math.ceil(inputLimits.maxPrdBytes / line.length) + 1));
    expect(limitIssues(over)).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/prds\/alpha\.md$/),
        line: 1,
        message: expect.stringContaining('larger than 512 KiB'),
      }),
    ]);
    const under = await validatePrd(line.repeat(Math.floor(inputLimits.maxPrdBytes / line.length) - 10));
    expect(limitIssues(under)).toEqual([]);
    expect(under.ok).toBe(true);
  });

  it('refuses any file over the file size limit', async () => {
    const content = makeContent();
    writeFileSync(
      path.join(content, 'work-items/ALPHA-9.yaml'),
      `title: x\nstatus: blocked\nblocked_reason: >-\n${'  Long prose of a long record.\n'.repeat(Math.ceil(inputLimits.maxFileBytes / 30))}`,
    );
    const result = await validate({ contentDir: content, cwd: path.dirname(content), today: '2026-11-24', env: {} });
    rmSync(path.dirname(content), { recursive: true, force: true });
    expect(result.issues.filter((issue) => issue.ruleId === 'DP110')).toEqual([
      expect.objectContaining({ file: expect.stringMatching(/ALPHA-9\.yaml$/), message: expect.stringContaining('larger than 4 MiB') }),
    ]);
  });

  it('refuses more emphasis markers than the limit in a paragraph and in a PRD', async () => {
    const paragraph = await validatePrd(`${'*_'.repeat(inputLimits.maxEmphasisRunsPerParagraph / 2)}*\n`);
    expect(limitIssues(paragraph)).toEqual([
      expect.objectContaining({ line: 12, message: expect.stringContaining('more than 500 "*" or "_" emphasis markers') }),
    ]);
    const under = `${'*_'.repeat(inputLimits.maxEmphasisRunsPerParagraph / 2)}\n\n`;
    expect(checkMarkdownNesting(under.repeat(10), 1)).toBeUndefined();
    expect(
      checkMarkdownNesting(under.repeat(inputLimits.maxEmphasisRunsPerBody / inputLimits.maxEmphasisRunsPerParagraph + 1), 1)?.message,
    ).toContain('more than 100,000');
    // A run of one marker is one marker; escaped ones do not count.
    expect(checkMarkdownNesting(`${'*'.repeat(5000)} ${'\\*'.repeat(5000)}`, 1)).toBeUndefined();
  });

  it('refuses a line over the length limit, naming the line', async () => {
    const result = await validatePrd(`Intro.\n\n${'x'.repeat(inputLimits.maxLineLength + 1)}\n`);
    expect(limitIssues(result)).toEqual([
      expect.objectContaining({ line: 14, message: expect.stringContaining('Line 14 is longer than 20,000 characters') }),
    ]);
    expect(checkLineLengths('x'.repeat(inputLimits.maxLineLength))).toBeUndefined();
  });

  it('refuses brackets nested deeper than the limit', async () => {
    const result = await validatePrd(`Text ${'['.repeat(inputLimits.maxBracketDepth + 1)}x\n`);
    expect(limitIssues(result)).toEqual([
      expect.objectContaining({ line: 12, message: expect.stringContaining('more than 16 "[" brackets') }),
    ]);
    expect(
      checkMarkdownNesting(`${'['.repeat(inputLimits.maxBracketDepth)}x${']'.repeat(inputLimits.maxBracketDepth)}`, 1),
    ).toBeUndefined();
    // Escaped brackets and fenced code do not count; a blank line closes open brackets.
    expect(
      checkMarkdownNesting(`${'\\['.repeat(100)}\n\n\`\`\`\n${'['.repeat(100)}\n\`\`\`\n${'['.repeat(10)}\n\n${'['.repeat(10)}`, 1),
    ).toBeUndefined();
  });

  it('refuses lists, block quotes and indentation nested deeper than the limit', async () => {
    const lists = Array.from({ length: inputLimits.maxBlockDepth + 1 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n');
    expect(limitIssues(await validatePrd(lists))).toEqual([
      expect.objectContaining({
        line: 12 + inputLimits.maxBlockDepth,
        message: expect.stringContaining('nests more than 32 block quotes, lists or indentation levels'),
      }),
    ]);
    expect(limitIssues(await validatePrd(`${'> '.repeat(inputLimits.maxBlockDepth + 1)}quoted`))).toHaveLength(1);
    expect(limitIssues(await validatePrd(`${'- '.repeat(inputLimits.maxBlockDepth + 1)}listed`))).toHaveLength(1);
    expect(limitIssues(await validatePrd(`${'1. '.repeat(inputLimits.maxBlockDepth + 1)}numbered`))).toHaveLength(1);
    expect(checkMarkdownNesting(`${'> '.repeat(inputLimits.maxBlockDepth)}quoted`, 1)).toBeUndefined();
  });

  it('refuses YAML and JSON collections nested deeper than the limit, and counts nothing inside quotes or comments', async () => {
    const content = makeContent();
    writeFileSync(path.join(content, 'work-items/ALPHA-9.yaml'), `title: ${'['.repeat(inputLimits.maxFlowDepth + 1)}\n`);
    writeFileSync(path.join(content, 'work-items/ALPHA-8.json'), `{"title": ${'['.repeat(inputLimits.maxFlowDepth + 1)}}`);
    const result = await validate({ contentDir: content, cwd: path.dirname(content), today: '2026-11-24', env: {} });
    rmSync(path.dirname(content), { recursive: true, force: true });
    expect(result.issues.filter((issue) => issue.ruleId === 'DP110').map((issue) => issue.file.split('/').pop())).toEqual([
      'ALPHA-8.json',
      'ALPHA-9.yaml',
    ]);
    expect(
      checkFlowNesting(`a: "${'['.repeat(100)}"\nb: '${'{'.repeat(100)}'\n# ${'['.repeat(100)}\nc: it's ${'['.repeat(10)}`, false),
    ).toBeUndefined();
    expect(checkFlowNesting(`{"a": "${'['.repeat(100)}"}`, true)).toBeUndefined();
  });
});

describe('files that are not regular files', () => {
  it('refuses a FIFO in a record folder and at the top, without opening it (a FIFO would block a reader)', async () => {
    const content = makeContent();
    execFileSync('mkfifo', [path.join(content, 'prds/blocking.md'), path.join(content, 'repositories.yaml.fifo')]);
    const result = await validate({ contentDir: content, cwd: path.dirname(content), today: '2026-11-24', env: {} });
    rmSync(path.dirname(content), { recursive: true, force: true });
    expect(result.issues.filter((issue) => issue.ruleId === 'DP101')).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/prds\/blocking\.md$/),
        message: expect.stringContaining('FIFO, socket or device, and it was not opened'),
      }),
      expect.objectContaining({
        file: expect.stringMatching(/repositories\.yaml\.fifo$/),
        message: expect.stringContaining('FIFO, socket or device, and it was not opened'),
      }),
    ]);
  });
});
