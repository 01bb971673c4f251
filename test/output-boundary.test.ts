// The output boundary, channel by channel, as whole processes on real temporary repositories:
// a secret planted in every kind of field (decision field, evidence path, work-item title, PRD
// line, file name), in the head only or in the base only, never reaches any channel; hostile text
// (lone CR, U+2028, backticks, pipes, `<`, the sticky marker) yields exactly the intended
// markdown tree in every channel that renders markdown (diff markdown = the PR comment, the job
// summaries of diff and check).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toString as mdastToString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_MARKER } from '../src/diff/review-document.ts';
import { MASK } from '../src/report/redact.ts';
import { fake } from './helpers/fake-secrets.ts';
import { projectRoot } from './helpers/fixtures.ts';
import { commitAll, gitTestEnv, initRepo, overlay, removeScratch, scratch, writeFiles } from './helpers/git-repo.ts';
import { runProcess, type RunResult } from './helpers/run.ts';

afterAll(removeScratch);

let summaries = 0;
/** Runs a CLI with a fresh job summary file; returns the result and what the summary received. */
async function run(script: 'check' | 'diff', cwd: string, args: string[]): Promise<RunResult & { summary: string }> {
  summaries += 1;
  const summary = path.join(scratch, `summary-${summaries}.md`);
  writeFileSync(summary, '');
  const result = await runProcess(process.execPath, [path.join(projectRoot, 'src/cli', `${script}.ts`), ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PACKET_TODAY: '2026-11-24', GITHUB_STEP_SUMMARY: summary, ...gitTestEnv },
  });
  return { ...result, summary: readFileSync(summary, 'utf8') };
}

const decisionFile = 'content/decisions/alpha.yaml';
const branchA = readFileSync(path.join(projectRoot, 'test/fixtures/valid-branch-a/decisions/alpha.yaml'), 'utf8');
const validator = readFileSync(path.join(projectRoot, 'test/fixtures/base/evidence/alpha-validator.yaml'), 'utf8');
const workItem = readFileSync(path.join(projectRoot, 'test/fixtures/base/work-items/ALPHA-1.yaml'), 'utf8');
const prd = readFileSync(path.join(projectRoot, 'test/fixtures/base/prds/alpha.md'), 'utf8');

/** One secret per field kind, each a different fake, and the files that carry them. */
function plantedSecrets() {
  const secrets = {
    field: fake.github(),
    evidencePath: fake.github(),
    title: fake.github(),
    prdLine: fake.github(),
    fileName: fake.github(),
  };
  const files: Record<string, string> = {
    [decisionFile]: branchA
      .replace('approval_source: JP approval 2026-06-01', `approval_source: "JP approval ${secrets.field}"`)
      .replace('  - alpha-validator', `  - alpha-validator\n  - ${secrets.fileName}`),
    'content/evidence/alpha-validator.yaml': validator.replace('path: tools/validate.py', `path: tools/${secrets.evidencePath}.py`),
    [`content/evidence/${secrets.fileName}.yaml`]: validator,
    'content/work-items/ALPHA-1.yaml': workItem.replace('title: Alpha admission authority', `title: Alpha ${secrets.title}`),
    'content/prds/alpha.md': prd.replace(
      '- Packet says it does not approve',
      `- Packet keeps ${secrets.prdLine} and says it does not approve`,
    ),
  };
  return { secrets, files };
}

function expectNoSecret(channels: Record<string, string>, secrets: Record<string, string>): void {
  for (const [channel, text] of Object.entries(channels)) {
    for (const [where, secret] of Object.entries(secrets)) {
      expect(text.includes(secret), `${where} secret in ${channel}`).toBe(false);
      // Nor a long enough piece of it to matter (the masking is by whole value).
      expect(text.includes(secret.slice(4, 28)), `${where} secret (piece) in ${channel}`).toBe(false);
    }
  }
}

/** The review's channels: diff as markdown (the PR comment) with its job summary, and as JSON. */
async function diffChannels(repo: string): Promise<Record<string, string>> {
  const markdown = await run('diff', repo, ['--base', 'HEAD', '--summary']);
  expect(markdown.code, markdown.stderr).toBe(0);
  const json = await run('diff', repo, ['--base', 'HEAD', '--format', 'json']);
  expect(json.code, json.stderr).toBe(0);
  return {
    'diff markdown': markdown.stdout,
    'diff stderr': markdown.stderr,
    'diff job summary': markdown.summary,
    'diff json': json.stdout + json.stderr,
  };
}

/** check --base in every format, with the job summary of the github format. */
async function checkChannels(repo: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const format of ['pretty', 'json', 'github', 'sarif', 'codequality']) {
    const checked = await run('check', repo, ['--base', 'HEAD', '--format', format]);
    expect(checked.code, `${format}: ${checked.stderr}`).toBe(1);
    out[`check ${format}`] = checked.stdout + checked.stderr;
    if (format === 'github') out['check job summary'] = checked.summary;
  }
  return out;
}

/** A change that adds a secret in every field kind. */
function headOnly() {
  const repo = initRepo('head-secrets', ['valid-branch-a']);
  commitAll(repo, 'branch A');
  const { secrets, files } = plantedSecrets();
  writeFiles(repo, files);
  return { repo, secrets };
}

/** A change that removes a secret from every field kind (plus one violation, so that check fails). */
function baseOnly() {
  const repo = initRepo('base-secrets', ['valid-branch-a']);
  const { secrets, files } = plantedSecrets();
  writeFiles(repo, files);
  commitAll(repo, 'secrets in the base');
  overlay(repo, 'valid-branch-a');
  writeFiles(repo, {
    [`content/evidence/${secrets.fileName}.yaml`]: null,
    'content/evidence/alpha-validator.yaml': validator,
    'content/work-items/ALPHA-1.yaml': workItem,
    'content/prds/alpha.md': prd,
    'content/evidence/bad.yaml': validator.replace(/commit: .*/, 'commit: "0123abc"'),
  });
  return { repo, secrets };
}

describe('a secret in every field kind, in the head only', () => {
  let repo = '';
  let secrets: Record<string, string> = {};
  beforeAll(() => ({ repo, secrets } = headOnly()));
  it('appears in no channel of diff: markdown (the PR comment), its job summary, JSON', async () => {
    const channels = await diffChannels(repo);
    expectNoSecret(channels, secrets);
    expect(channels['diff markdown']).toContain(MASK);
  });
  it('appears in no channel of check --base: every format and the job summary', async () => {
    const channels = await checkChannels(repo);
    expectNoSecret(channels, secrets);
    expect(channels['check json']).toContain('DP600');
  });
});

describe('a secret in every field kind, in the base only', () => {
  let repo = '';
  let secrets: Record<string, string> = {};
  beforeAll(() => ({ repo, secrets } = baseOnly()));
  it('is not re-published as removed or changed in any channel of diff', async () => {
    const channels = await diffChannels(repo);
    expectNoSecret(channels, secrets);
    const review = JSON.parse(channels['diff json']!);
    const removed = review.packets[0].evidence.find((evidence: { change: string }) => evidence.change === 'removed');
    expect(removed.id).toBe(MASK);
  });
  it('appears in no channel of check --base', async () => {
    expectNoSecret(await checkChannels(repo), secrets);
  });
});

// ---- hostile text: the markdown tree is exactly the intended one ----

interface MdNode {
  type: string;
  value?: string;
  url?: string;
  children?: MdNode[];
}
const parse = (markdown: string) => unified().use(remarkParse).use(remarkGfm).parse(markdown) as MdNode;
const toString = (node: MdNode) => mdastToString(node);
function nodes(tree: MdNode, type: string): MdNode[] {
  const found: MdNode[] = [];
  const walk = (node: MdNode) => {
    if (node.type === type) found.push(node);
    node.children?.forEach(walk);
  };
  walk(tree);
  return found;
}
const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

const CR = '\r';
const LS = '\u2028';
/** Text that tries every escape: a lone CR, U+2028, backticks, pipes, `<`, an image, HTML and the sticky marker. */
const hostile = `x${CR}| a | b |${LS}\`\`\` ![i](https://images.example.test/p.png) <details><summary>s</summary> ${REVIEW_MARKER} \\| end`;

describe('hostile text in a field value, a field name and a file name', () => {
  it('yields the intended tree in the diff markdown (the PR comment) and both job summaries', async () => {
    const repo = initRepo('hostile', ['valid-branch-a']);
    commitAll(repo, 'branch A');
    // A double-quoted YAML scalar: CR and U+2028 written as escapes, the record stays parseable.
    const yamlString = JSON.stringify(hostile).replace(/\u2028/g, '\\u2028');
    writeFiles(repo, {
      [decisionFile]: branchA.replace('approval_source: JP approval 2026-06-01', `approval_source: ${yamlString}\n${yamlString}: x`),
      [`content/work-items/x\`${CR}| a |${CR}\`\`.yaml`]: 'title: t\nstatus: blocked\n',
    });
    const json = await run('diff', repo, ['--base', 'HEAD', '--format', 'json']);
    const review = JSON.parse(json.stdout);
    const violations: number = review.violations.length;
    const fields: number = review.packets[0].fields.length;
    const workItems: number = review.packets[0].workItems.length;
    // One table per section that has rows: header row + one row per entry, nothing more.
    const reviewTables = [violations, fields, workItems].filter((count) => count > 0).map((count) => count + 1);
    expect(violations).toBeGreaterThanOrEqual(2); // the unknown field, the file name
    expect(fields).toBeGreaterThanOrEqual(2); // approval_source changed, the hostile key added
    const diff = await run('diff', repo, ['--base', 'HEAD', '--summary']);
    const checked = await run('check', repo, ['--base', 'HEAD', '--format', 'github']);
    expect(checked.code).toBe(1);

    for (const [channel, markdown, tables] of [
      ['diff markdown', diff.stdout, reviewTables],
      ['diff job summary', diff.summary, reviewTables],
      ['check job summary', checked.summary, [violations + 1]],
    ] as const) {
      const tree = parse(markdown);
      expect(nodes(tree, 'image'), channel).toEqual([]);
      expect(
        nodes(tree, 'html').map((node) => node.value),
        channel,
      ).toEqual(channel === 'check job summary' ? [] : [REVIEW_MARKER]);
      expect(occurrences(markdown, '<!--'), channel).toBe(channel === 'check job summary' ? 0 : 1);
      expect(
        nodes(tree, 'link').filter((link) => link.url?.includes('images.example.test')),
        channel,
      ).toEqual([]);
      const found = nodes(tree, 'table');
      expect(
        found.map((table) => table.children!.length),
        channel,
      ).toEqual(tables);
      for (const table of found) {
        const width = table.children![0]!.children!.length;
        for (const row of table.children!) expect(row.children!.length, channel).toBe(width);
      }
      // The hostile key is shown whole (but for the invisible word joiner that breaks autolinks), as
      // text of one cell; the file name whole, in one code span.
      const cells = nodes(tree, 'tableCell').map((node) => toString(node).replace(/\u2060/g, ''));
      expect(
        cells.some((text) => text.includes('![i](https://images.example.test/p.png) <details><summary>s</summary>')),
        channel,
      ).toBe(true);
      const codes = nodes(tree, 'inlineCode').map((node) => node.value);
      expect(codes, channel).toContain(`content/work-items/x\` | a | \`\`.yaml:1:1`);
    }
  });
});
