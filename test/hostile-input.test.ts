// Hostile input must get a verdict in bounded time. Each case is a content folder with one
// generated hostile file, checked by a whole `check` process; the bound is the CPU time of that
// process (user + system, every thread, measured by /usr/bin/time), with a wide margin: this is
// a correctness bound (no quadratic step, no hang), not a benchmark.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturesDir, makeContent, projectRoot } from './helpers/fixtures.ts';
import { fake, seededRandom } from './helpers/fake-secrets.ts';

/** CPU seconds a case may take; a healthy run takes about one. */
const CPU_BOUND_SECONDS = 10;
/** Wall-clock bound before the process is killed (a hang). */
const WALL_BOUND_MS = 60_000;

const frontmatter = readFileSync(path.join(fixturesDir, 'base/prds/alpha.md'), 'utf8').split('\n# ')[0]!;
const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

interface Verdict {
  code: number | null;
  cpuSeconds: number;
  issues: { rule: string; file: string }[];
}

function checkTimed(content: string): Promise<Verdict> {
  const timing = path.join(path.dirname(content), 'cpu-time');
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%U %S', '-o', timing, process.execPath, 'src/cli/check.ts', '--format', 'json'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PACKET_TODAY: '2026-11-24', PACKET_CONTENT_DIR: content },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), WALL_BOUND_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const [user, system] = readFileSync(timing, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
      let issues: Verdict['issues'] = [];
      try {
        issues = JSON.parse(stdout);
      } catch {
        // no verdict: the assertions below fail on the exit code
      }
      resolve({ code, cpuSeconds: user! + system!, issues });
    });
  });
}

function contentWith(files: Record<string, string>, setup?: (content: string) => void): string {
  const content = makeContent();
  folders.push(path.dirname(content));
  for (const [relative, text] of Object.entries(files)) writeFileSync(path.join(content, relative), text);
  setup?.(content);
  return content;
}

const prd = (body: string) => ({ 'prds/alpha.md': `${frontmatter}\n${body}\n` });

// A seeded generator: the same hostile files every run.
const random = seededRandom(0x9e3779b9);

/** Lines that make regular expressions, the markdown parser or the secret scanner work hard, each under the line limit. */
const hostileLines: (() => string)[] = [
  () => `-----BEGIN RSA ${['PRIVATE', 'KEY'].join(' ')}-----`,
  () => `${'a://'.repeat(400)}${'x'.repeat(300)}:${'y'.repeat(300)}`,
  () => `password: ${'A1b2'.repeat(1000)}`,
  () => `${'sk-ant-'.repeat(500)}`,
  () => `${'*_'.repeat(200)}`,
  () => `${'`'.repeat(3000)}`,
  () => `${'&#'.repeat(3000)}`,
  () => `${'{#'.repeat(3000)}`,
  () => `${'<a '.repeat(2000)}`,
  () => `${'!['.repeat(16)}x${'](y)'.repeat(16)}`,
  () => `${'  '.repeat(15)}- item`,
  () => fake.awsKeyId(),
  () => `${'\\'.repeat(5000)}`,
  () => `token = ${'x'.repeat(19_000)}`,
];

function hostileDocument(lines: number): string {
  const out: string[] = [];
  for (let index = 0; index < lines; index += 1) out.push(hostileLines[Math.floor(random() * hostileLines.length)]!());
  return out.join('\n');
}

interface Case {
  name: string;
  content: () => string;
  /** Rules the verdict must contain (exit 1). */
  rules: string[];
}

/** A small valid kind with extra top-level YAML (a term list, more states) appended. */
const tinyKind = (states: string, extra = '') =>
  `title: Huge\nstate_field: status\nsafe_state: draft\ncommon:\n  prd: prd_ref\nstates:\n  draft: { label: Draft }\n  done: { label: Done }\n${states}transitions: {}\nevidence_kinds: {}\n${extra}`;
const lines = (count: number, line: (index: number) => string) => Array.from({ length: count }, (_, index) => `${line(index)}\n`).join('');

/** The seed's kind grown to its limits (200 states, 2,000 terms), judging a Branch B decision. */
function seedKindAtLimits(content: string): void {
  const file = path.join(content, 'kinds/provider-decision.yaml');
  const seed = readFileSync(file, 'utf8')
    .replace('\nstates:\n', `\nstates:\n${lines(197, (index) => `  extra_${index}: { label: Extra state }`)}`)
    .replace('  external_providers:\n', `  external_providers:\n${lines(1_968, (index) => `    - vendor-${index}-hosted-api-family`)}`);
  writeFileSync(file, seed);
  cpSync(path.join(fixturesDir, 'DP700-branch-b-adapter-passes'), content, { recursive: true });
}

const cases: Case[] = [
  { name: 'a kind of 150,000 terms (3.2 MB)', content: () => contentWith({ 'kinds/huge.yaml': tinyKind('', `term_lists:\n  many:\n${lines(150_000, (index) => `    - term${index}-abcd`)}`) }), rules: ['DP216'] },
  { name: 'a kind of 40,000 states', content: () => contentWith({ 'kinds/huge.yaml': tinyKind(lines(40_000, (index) => `  s${index}: { label: State }`)) }), rules: ['DP216'] },
  { name: 'the seed kind at its limits (200 states, 2,000 terms)', content: () => contentWith({}, seedKindAtLimits), rules: [] },
  { name: 'a PRD over the size limit', content: () => contentWith(prd('Long prose of a long PRD. '.repeat(200_000).match(/.{1,5000}/g)!.join('\n'))), rules: ['DP110'] },
  { name: 'a YAML file over the size limit', content: () => contentWith({ 'work-items/ALPHA-9.yaml': `title: x\nstatus: blocked\nblocked_reason: >-\n${'  Long prose of a long record.\n'.repeat(160_000)}` }), rules: ['DP110'] },
  { name: 'half a million emphasis markers', content: () => contentWith(prd('*_'.repeat(250_000).match(/.{1,10000}/g)!.join('\n'))), rules: ['DP110'] },
  { name: 'a 500 KiB PRD under every limit', content: () => contentWith(prd(`${'Plain prose, nothing special in it at all. '.repeat(40)}\n\n`.repeat(290))), rules: [] },
  {
    name: 'a 3.9 MiB work item under every limit',
    content: () => contentWith({ 'work-items/ALPHA-9.yaml': `title: Big\nstatus: blocked\nblocked_reason: >-\n${`  ${'Plain prose, nothing special in it at all. '.repeat(40)}\n`.repeat(2_350)}` }),
    rules: [],
  },
  { name: 'a few hundred thousand nested brackets', content: () => contentWith(prd(`${'['.repeat(300_000)}`.match(/.{1,10000}/g)!.join('\n'))), rules: ['DP110'] },
  { name: 'a thousand nested list levels', content: () => contentWith(prd(Array.from({ length: 1000 }, (_, depth) => `${' '.repeat(depth * 2)}- level`).join('\n'))), rules: ['DP110'] },
  { name: 'a thousand nested block quotes', content: () => contentWith(prd(`${'>'.repeat(1000)} quoted`)), rules: ['DP110'] },
  { name: 'a line of a million characters', content: () => contentWith(prd('x'.repeat(1_000_000))), rules: ['DP110'] },
  {
    name: 'twenty thousand PRD lines naming the same key id',
    content: () => {
      const key = fake.awsKeyId();
      return contentWith(prd(Array.from({ length: 20_000 }, () => `- ${key}`).join('\n')));
    },
    rules: ['DP600'],
  },
  {
    name: 'fifty thousand lines of a YAML record naming the same key id',
    content: () => {
      const key = fake.awsKeyId();
      return contentWith({ 'work-items/ALPHA-9.yaml': `title: Many\nstatus: blocked\nblocked_reason: |-\n${Array.from({ length: 50_000 }, () => `  ${key}`).join('\n')}\n` });
    },
    rules: ['DP600'],
  },
  {
    name: 'many findings in a YAML record',
    content: () => contentWith({ 'work-items/ALPHA-9.yaml': `title: Many\nstatus: blocked\nblocked_reason: >-\n${Array.from({ length: 20_000 }, () => `  ${fake.github()}`).join('\n')}\n` }),
    rules: ['DP600'],
  },
  { name: 'deeply nested YAML flow collections', content: () => contentWith({ 'work-items/ALPHA-9.yaml': `title: ${'['.repeat(200_000)}\n` }), rules: ['DP110'] },
  {
    name: 'a FIFO in the content folder',
    content: () => contentWith({}, (content) => execFileSync('mkfifo', [path.join(content, 'prds/never-written.md')])),
    rules: ['DP101'],
  },
  ...Array.from({ length: 4 }, (_, index) => ({ name: `generated hostile PRD ${index + 1}`, content: () => contentWith(prd(hostileDocument(80))), rules: [] })),
  ...Array.from({ length: 2 }, (_, index) => ({
    name: `generated hostile PRD ${index + 1} with named criteria (parsed by the anchor check)`,
    content: () => contentWith(prd(`## Acceptance Criteria\n\n- first {#first}\n- again {#first}\n\n${hostileDocument(80)}`)),
    rules: [],
  })),
];

const measured: string[] = [];
afterAll(() => console.info(`CPU time of check per hostile case:\n${measured.join('\n')}`));

describe('hostile input gets a verdict in bounded CPU time', () => {
  for (const testCase of cases) {
    it(`${testCase.name}`, async () => {
      const verdict = await checkTimed(testCase.content());
      measured.push(`  ${verdict.cpuSeconds.toFixed(2)} s  ${testCase.name}`);
      // A verdict: exit 0 or 1 with the rules expected, never an internal error or a kill.
      expect([0, 1]).toContain(verdict.code);
      for (const rule of testCase.rules) expect(verdict.issues.map((issue) => issue.rule)).toContain(rule);
      if (testCase.rules.length > 0) expect(verdict.code).toBe(1);
      expect(verdict.cpuSeconds).toBeLessThan(CPU_BOUND_SECONDS);
    }, WALL_BOUND_MS + 10_000);
  }

  it('lists at most 50 secrets of one file one by one, then says how many more', async () => {
    const key = fake.awsKeyId();
    const lines = Array.from({ length: 300 }, (_, index) => `- item ${index} ${key}`).join('\n');
    const verdict = await checkTimed(contentWith(prd(lines)));
    const inPrd = verdict.issues.filter((issue) => issue.rule === 'DP600' && issue.file.endsWith('prds/alpha.md'));
    expect(inPrd).toHaveLength(51);
    expect((inPrd as unknown as { message: string; line?: number }[]).filter((issue) => issue.line == null)).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^250 more secret values are in this file beyond the first 50 listed/) }),
    ]);
  }, WALL_BOUND_MS);
});
