// Decisions govern paths: path_globs fields (DP307 syntax, DP308 a glob matching no tracked
// file), and `decision-packet governing` / `explain` answering at each commit of a real
// temporary repository, "undetermined" where the content at that commit breaks a rule.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validate } from '../src/validate/validate.ts';
import Ajv2020 from 'ajv/dist/2020.js';
import { decisionSummaries, governingIndex } from '../src/governing/governing-index.ts';
import { compileGlobs } from '../src/fields/path-globs.ts';
import { governingJson, governingJsonSchema, llmsFullTxt, llmsTxt } from '../src/governing/site-files.ts';
import { fixturesDir, projectRoot, withoutApprovals } from './helpers/fixtures.ts';
import { refreshClaims } from './helpers/claims.ts';
import { commitAll, git, gitTestEnv, removeScratch, scratch, writeFiles } from './helpers/git-repo.ts';
import { runProcess } from './helpers/run.ts';

const made: string[] = [];
afterAll(() => {
  removeScratch();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const adrKind = path.join(projectRoot, 'examples/adr/kinds/adr.yaml');

function adr(id: string, status: string, extra: string): string {
  return `---\nkind: adr\ntitle: "ADR ${id}"\nstatus: ${status}\n${extra}---\n\n# ADR ${id}\n\nText.\n`;
}
const accepted = 'deciders: [platform team]\ndate: 2026-01-05\n';

let repoCount = 0;
/** A repository holding the ADR kind, some code, and no decision yet. */
function adrRepo(): string {
  repoCount += 1;
  const dir = path.join(scratch, `governing-${repoCount}`);
  // Governing is judged here, not approvals: the kind's acceptance policy is left out.
  writeFiles(dir, { 'content/kinds/adr.yaml': withoutApprovals(readFileSync(adrKind, 'utf8')) });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', 'Test Author']);
  git(dir, ['config', 'user.email', 'author@example.test']);
  writeFiles(dir, { 'src/app/main.ts': 'export {};\n', 'src/lib/util.ts': 'export {};\n', 'docs/readme.md': '# Docs\n' });
  return dir;
}

function governing(repo: string, args: string[]) {
  return runProcess(process.execPath, [path.join(projectRoot, 'src/cli/governing.ts'), ...args], {
    cwd: repo,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PACKET_TODAY: '2026-11-24', ...gitTestEnv },
  });
}

async function governingAsJson(repo: string, args: string[]) {
  const result = await governing(repo, [...args, '--format', 'json']);
  return { code: result.code, answer: JSON.parse(result.stdout) };
}

describe('path_globs fields', () => {
  it('refuses globs gitignore would misread (DP307), at each entry', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'decision-packet-globs-'));
    made.push(dir);
    cpSync(path.join(projectRoot, 'examples/adr'), path.join(dir, 'content'), { recursive: true });
    cpSync(path.join(fixturesDir, 'adr-glob-syntax'), path.join(dir, 'content'), { recursive: true });
    refreshClaims(path.join(dir, 'content'));
    const result = await validate({ contentDir: path.join(dir, 'content'), cwd: dir, today: '2026-11-24', env: {} });
    expect(result.issues.map((issue) => [issue.ruleId, issue.file, issue.line, issue.field])).toEqual([
      ['DP307', 'content/decisions/adr-0001.md', 7, 'governs[1]'],
      ['DP307', 'content/decisions/adr-0001.md', 7, 'governs[2]'],
    ]);
    expect(result.issues[0]!.message).toContain('"." or ".." segment');
    expect(result.issues[0]!.message).not.toContain('outside');
  });

  it("refuses a governing decision's glob that matches no file tracked at the commit (DP308), not a proposed one's", async () => {
    const repo = adrRepo();
    writeFiles(repo, {
      'content/decisions/adr-0001.md': adr('0001', 'accepted', `${accepted}governs: [src/app/**, src/gone/**]\n`),
      'content/decisions/adr-0002.md': adr('0002', 'proposed', 'governs: [src/nowhere/**]\n'),
      // Untracked: the glob is judged against the commit, not the working tree.
      'src/gone/file.ts': 'export {};\n',
    });
    git(repo, ['add', 'content', 'src/app', 'src/lib', 'docs']);
    git(repo, ['commit', '-q', '-m', 'decisions']);
    const result = await validate({ contentDir: path.join(repo, 'content'), today: '2026-11-24', env: { ...process.env, ...gitTestEnv } });
    expect(result.issues.map((issue) => [issue.ruleId, issue.file, issue.line, issue.field])).toEqual([
      ['DP308', 'content/decisions/adr-0001.md', 7, 'governs[1]'],
    ]);
  });

  it('matches paths as gitignore does: anchored folders, any-depth names, negation', () => {
    const index = governingIndex([
      {
        id: 'a',
        kind: 'k',
        state: 's',
        stateLabel: 'S',
        title: 'A',
        file: 'f',
        globs: ['src/app/**', '!src/app/legacy.ts'],
        governs: true,
        retired: false,
        successors: [],
      },
      {
        id: 'b',
        kind: 'k',
        state: 's',
        stateLabel: 'S',
        title: 'B',
        file: 'f',
        globs: ['*.md'],
        governs: true,
        retired: false,
        successors: [],
      },
      {
        id: 'c',
        kind: 'k',
        state: 's',
        stateLabel: 'S',
        title: 'C',
        file: 'f',
        globs: ['src/**/util.ts'],
        governs: false,
        retired: false,
        successors: [],
      },
    ]);
    const ids = (file: string) => index.match(file).map((decision) => decision.id);
    expect(ids('src/app/main.ts')).toEqual(['a']);
    expect(ids('src/app/legacy.ts')).toEqual([]);
    expect(ids('src/application.ts')).toEqual([]);
    expect(ids('docs/deep/readme.md')).toEqual(['b']);
    expect(ids('src/app/notes.md')).toEqual(['a', 'b']);
    expect(ids('src/lib/util.ts')).toEqual([]);
    // A matched folder takes everything under it: a later "!" cannot re-include (as in git).
    const folder = governingIndex([
      {
        id: 'd',
        kind: 'k',
        state: 's',
        stateLabel: 'S',
        title: 'D',
        file: 'f',
        globs: ['docs/', '!docs/keep.md', 'Makefile'],
        governs: true,
        retired: false,
        successors: [],
      },
    ]);
    expect(['docs/keep.md', 'docs', 'tools/Makefile', 'docs.md'].map((file) => folder.match(file).length)).toEqual([1, 0, 1, 0]);
    expect(Object.fromEntries(index.prefixes())).toEqual({ '': ['b'], 'src/app': ['a'] });
  });
});

describe('decision-packet governing', () => {
  it('answers at each commit as the decisions moved through their states, and "undetermined" where the content fails', async () => {
    const repo = adrRepo();
    writeFiles(repo, { 'content/decisions/adr-0001.md': adr('0001', 'proposed', 'governs: [src/app/**]\n') });
    const proposed = commitAll(repo, 'propose 0001', '2026-01-10T12:00:00+00:00');
    writeFiles(repo, { 'content/decisions/adr-0001.md': adr('0001', 'accepted', `${accepted}governs: [src/app/**]\n`) });
    const acceptedAt = commitAll(repo, 'accept 0001', '2026-02-10T12:00:00+00:00');
    writeFiles(repo, {
      'content/decisions/adr-0002.md': adr('0002', 'accepted', `${accepted}governs: [src/**]\n`),
      'content/decisions/adr-0001.md': adr('0001', 'superseded', 'date: 2026-03-01\nsuperseded_by: adr-0002\n'),
    });
    const superseded = commitAll(repo, 'supersede 0001', '2026-03-10T12:00:00+00:00');
    writeFiles(repo, { 'content/decisions/adr-0002.md': adr('0002', 'nonsense', `${accepted}governs: [src/**]\n`) });
    const broken = commitAll(repo, 'break 0002', '2026-04-10T12:00:00+00:00');

    const ids = (answer: { paths: { governing: { id: string }[] | null }[] }) =>
      answer.paths.map((entry) => entry.governing?.map((decision) => decision.id) ?? null);

    const atProposed = await governingAsJson(repo, ['src/app/main.ts', '--as-of', proposed]);
    expect(atProposed.code).toBe(0);
    expect(atProposed.answer).toMatchObject({ version: 1, commit: proposed, gate: 'pass', determined: true });
    expect(ids(atProposed.answer)).toEqual([[]]);

    const atAccepted = await governingAsJson(repo, ['src/app/main.ts', 'src/lib/util.ts', '--as-of', acceptedAt]);
    expect(ids(atAccepted.answer)).toEqual([['adr-0001'], []]);
    expect(atAccepted.answer.paths[0].governing[0]).toMatchObject({ state: 'accepted', title: 'ADR 0001', link: '/packets/adr-0001/' });

    const atSuperseded = await governingAsJson(repo, ['src/app/main.ts', 'src/lib/util.ts', '--as-of', superseded]);
    expect(ids(atSuperseded.answer)).toEqual([['adr-0002'], ['adr-0002']]);

    // A date: the last commit by the end of that day.
    const byDate = await governingAsJson(repo, ['src/app/main.ts', '--as-of', '2026-02-28']);
    expect(byDate.answer.commit).toBe(acceptedAt);
    expect(ids(byDate.answer)).toEqual([['adr-0001']]);

    const atBroken = await governing(repo, ['src/app/main.ts']);
    expect(atBroken.code).toBe(1);
    expect(atBroken.stdout).toContain(`At commit ${broken} (as of HEAD): undetermined`);
    expect(atBroken.stdout).toContain('DP201');
    expect(atBroken.stdout).not.toContain('adr-0002');
    const brokenJson = await governingAsJson(repo, ['src/app/main.ts']);
    expect(brokenJson.answer).toMatchObject({
      commit: broken,
      gate: 'fail',
      determined: false,
      paths: [{ path: 'src/app/main.ts', governing: null }],
    });
  });

  it('refuses a revision that names no commit and a path outside the repository (exit 2)', async () => {
    const repo = adrRepo();
    commitAll(repo, 'kind only');
    expect((await governing(repo, ['src/app/main.ts', '--as-of', 'no-such-branch'])).code).toBe(2);
    expect((await governing(repo, ['../elsewhere.ts'])).code).toBe(2);
    expect((await governing(repo, [])).code).toBe(2);
  });

  it('explain shows what a packet said at an old commit, not today', async () => {
    const repo = adrRepo();
    writeFiles(repo, { 'content/decisions/adr-0001.md': adr('0001', 'proposed', '') });
    const first = commitAll(repo, 'propose', '2026-01-10T12:00:00+00:00');
    writeFiles(repo, { 'content/decisions/adr-0001.md': adr('0001', 'accepted', `${accepted}governs: [src/app/**]\n`) });
    commitAll(repo, 'accept', '2026-02-10T12:00:00+00:00');
    const run = (args: string[]) =>
      runProcess(process.execPath, [path.join(projectRoot, 'src/cli/explain.ts'), ...args], {
        cwd: repo,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...gitTestEnv },
      });
    const old = await run(['adr-0001', '--as-of', first, '--format', 'json']);
    expect(old.code).toBe(0);
    expect(JSON.parse(old.stdout)).toMatchObject({ commit: first, gate: 'pass', decision: { state: 'proposed', governs: [] } });
    const now = await run(['adr-0001']);
    expect(now.stdout).toContain('State: accepted (Accepted)');
    expect(now.stdout).toContain('Governs: src/app/**');
    expect((await run(['adr-9999'])).code).toBe(1);
  });
});

describe('--as-of judges dates against the commit', () => {
  it("compares a review date with the commit's own date at --as-of, with today without it", async () => {
    const repo = adrRepo();
    // A review date any state may carry.
    const review = '  review_by: { type: date_or_condition, optional: true, requirement: "when to review" }\n';
    const kind = withoutApprovals(readFileSync(adrKind, 'utf8').replace('common:\n', `common:\n${review}`));
    writeFiles(repo, {
      'content/kinds/adr.yaml': kind,
      'content/decisions/adr-0001.md': adr('0001', 'accepted', `${accepted}review_by: 2026-06-01\ngoverns: [src/app/**]\n`),
    });
    const then = commitAll(repo, 'accept 0001 until June', '2026-02-10T12:00:00+00:00');
    const atThen = await governingAsJson(repo, ['src/app/main.ts', '--as-of', then]);
    expect(atThen.code).toBe(0);
    expect(atThen.answer).toMatchObject({ commit: then, judged_on: '2026-02-10', gate: 'pass' });
    expect(atThen.answer.paths[0].governing.map((decision: { id: string }) => decision.id)).toEqual(['adr-0001']);
    // Today (PACKET_TODAY 2026-11-24) the same commit's review is overdue.
    const today = await governingAsJson(repo, ['src/app/main.ts']);
    expect(today.code).toBe(1);
    expect(today.answer).toMatchObject({ commit: then, judged_on: '2026-11-24', gate: 'fail', rules_failed: ['DP403'] });
  });
});

describe('the governing index at scale', () => {
  it("finds globs that match a literal name anywhere by the path's segments, as the glob itself would", () => {
    const globs = [['Makefile'], ['**/util.ts'], ['build/'], ['**/*.md'], ['src/**/x.ts'], ['util.ts ']];
    const summaries = globs.map((list, index) => ({
      id: `n-${index}`,
      kind: 'k',
      state: 's',
      stateLabel: 'S',
      title: 'T',
      file: 'f',
      globs: list,
      governs: true,
      retired: false,
      successors: [],
    }));
    const index = governingIndex(summaries);
    const paths = [
      'Makefile',
      'tools/Makefile',
      'Makefile/inner.c',
      'Makefile.am',
      'src/lib/util.ts',
      'util.ts',
      'src/util.tsx',
      'out/build/a.js',
      'build.js',
      'docs/a.md',
      'src/a/x.ts',
    ];
    for (const file of paths) {
      const expected = summaries.filter((summary) => compileGlobs(summary.globs)(file)).map((summary) => summary.id);
      expect(
        index.match(file).map((decision) => decision.id),
        file,
      ).toEqual(expected);
    }
    expect(index.match('tools/Makefile').map((decision) => decision.id)).toEqual(['n-0']);
  });

  it("answers every path as the brute force over each decision's whole list does, exceptions included", () => {
    // Seeded pseudo-random globs and paths (a fixed LCG: the same cases every run).
    let seed = 20261207;
    const pick = <T>(items: readonly T[]): T => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return items[Math.floor(seed / 65536) % items.length]!;
    };
    const folders = ['src', 'src/app', 'src/app/legacy', 'docs', 'lib', 'build'];
    const names = ['a.ts', 'b.md', 'Makefile', 'util.ts'];
    const globShapes = [
      () => `${pick(folders)}/**`,
      () => `${pick(folders)}/`,
      () => `${pick(folders)}/${pick(names)}`,
      () => pick(names),
      () => '**/*.md',
      () => `!${pick(folders)}/${pick(names)}`,
      () => `!${pick(folders)}/`,
      () => `!**/${pick(names)}`,
    ];
    const summaries = Array.from({ length: 60 }, (_, index) => ({
      id: `r-${String(index).padStart(2, '0')}`,
      kind: 'k',
      state: 's',
      stateLabel: 'S',
      title: 'T',
      file: 'f',
      globs: Array.from({ length: 1 + (index % 4) }, () => pick(globShapes)()),
      governs: true,
      retired: false,
      successors: [],
    }));
    const index = governingIndex(summaries);
    const paths = folders.flatMap((folder) => names.map((name) => `${folder}/${name}`)).concat(names);
    let matched = 0;
    for (const file of paths) {
      const expected = summaries.filter((summary) => compileGlobs(summary.globs)(file)).map((summary) => summary.id);
      matched += expected.length;
      expect(
        index.match(file).map((decision) => decision.id),
        file,
      ).toEqual(expected);
    }
    expect(matched).toBeGreaterThan(50);
    expect(summaries.filter((summary) => summary.globs.some((glob) => glob.startsWith('!'))).length).toBeGreaterThan(10);
  });

  it('finds the decisions of a path among many by the folders their globs are confined to', () => {
    const summaries = Array.from({ length: 2000 }, (_, index) => ({
      id: `d-${String(index).padStart(5, '0')}`,
      kind: 'k',
      state: 's',
      stateLabel: 'S',
      title: 'T',
      file: 'f',
      globs: [`pkg/m${index}/**`],
      governs: true,
      retired: false,
      successors: [],
    }));
    const index = governingIndex(summaries);
    expect(index.match('pkg/m1234/src/a.ts').map((decision) => decision.id)).toEqual(['d-01234']);
    expect(index.match('pkg/m12345/a.ts')).toEqual([]);
  });
});

describe('governing.json, llms.txt and llms-full.txt', () => {
  it('list governing decisions first, stamp the commit, match their JSON Schema and are the same bytes each time', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'decision-packet-llms-'));
    made.push(dir);
    cpSync(path.join(projectRoot, 'examples/adr'), path.join(dir, 'content'), { recursive: true });
    const result = await validate({ contentDir: path.join(dir, 'content'), cwd: dir, today: '2026-11-24', env: {} });
    expect(result.issues).toEqual([]);
    const commit = 'a'.repeat(40);
    const site = () => ({ decisions: decisionSummaries(result.records), buildCommit: commit, base: '/docs/' });
    const records = new Map([...result.records.decisions].map(([id, decision]) => [id, decision.data]));

    const llms = llmsTxt(site());
    expect(llms).toBe(llmsTxt(site()));
    expect(llms).toContain(`built from commit ${commit}; every rule of the gate passed`);
    const governingAt = llms.indexOf('## Governing decisions');
    const historyAt = llms.indexOf('## History: retired decisions');
    expect(governingAt).toBeGreaterThan(0);
    expect(historyAt).toBeGreaterThan(governingAt);
    expect(llms.slice(governingAt, historyAt)).toContain(
      '- [ADR 0003: Read decision records as strict YAML 1.2](/docs/packets/adr-0003/) (adr-0003): accepted: Accepted; governs src/reader/strict-yaml.ts, src/reader/positions.ts',
    );
    expect(llms.slice(historyAt)).toContain('(adr-0002): superseded: Superseded; replaced by adr-0003');
    expect(llmsFullTxt(site(), records)).toContain('"superseded_by": "adr-0003"');

    const text = governingJson(site());
    expect(text).toBe(governingJson(site()));
    const document = JSON.parse(text);
    expect(document).toMatchObject({
      version: 1,
      build_commit: commit,
      gate: 'pass',
      prefixes: { 'src/reader/strict-yaml.ts': ['adr-0003'] },
    });
    expect(Object.keys(document.decisions)).toEqual(['adr-0003']);
    const validateFile = new Ajv2020({ strict: false }).compile(governingJsonSchema());
    expect(validateFile(document), JSON.stringify(validateFile.errors)).toBe(true);
    expect(validateFile({ ...document, gate: 'fail' })).toBe(false);
  });
});

describe('code citing a retired decision (DP309, a warning)', () => {
  it('warns at the file and line of each @decision marker and link, naming the successor; exit 0, or 1 with --strict', async () => {
    const repo = adrRepo();
    writeFiles(repo, {
      'content/decisions/adr-0001.md': adr('0001', 'superseded', 'date: 2026-03-01\nsuperseded_by: adr-0002\n'),
      'content/decisions/adr-0002.md': adr('0002', 'accepted', `${accepted}governs: [src/**]\n`),
      'src/app/main.ts': 'export {};\n\n// @decision adr-0001: keep the store local\n// @decision adr-0002\n',
      'docs/readme.md': '# Docs\n\nSee [the store decision](https://decisions.example.test/packets/adr-0001/).\n',
    });
    commitAll(repo, 'supersede');
    const check = (args: string[]) =>
      runProcess(process.execPath, [path.join(projectRoot, 'src/cli/check.ts'), '--content', 'content', ...args], {
        cwd: repo,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, PACKET_TODAY: '2026-11-24', ...gitTestEnv },
      });
    const json = await check(['--format', 'json']);
    expect(json.code).toBe(0);
    const issues = JSON.parse(json.stdout);
    expect(issues.map((issue: Record<string, unknown>) => [issue.rule, issue.severity, issue.file, issue.line, issue.column])).toEqual([
      ['DP309', 'warning', 'docs/readme.md', 3, 56],
      ['DP309', 'warning', 'src/app/main.ts', 3, 4],
    ]);
    expect(issues[1].message).toContain('@decision marker cites decision "adr-0001", which is superseded; cite its successor "adr-0002"');
    const github = await check(['--format', 'github']);
    expect(github.code).toBe(0);
    expect(github.stdout).toMatch(/^::warning file=src\/app\/main\.ts,line=3,col=4,title=DP309 retired-decision-cited::/m);
    const strict = await check(['--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('src/app/main.ts:3:4: warning DP309 retired-decision-cited:');
  });
});

describe('diff --base: decisions governing the changed files', () => {
  it('lists the decisions governing each changed file and which of them the change moves', async () => {
    const repo = adrRepo();
    writeFiles(repo, {
      'content/decisions/adr-0001.md': adr('0001', 'proposed', 'governs: [src/app/**]\n'),
      'content/decisions/adr-0002.md': adr('0002', 'accepted', `${accepted}governs: [docs/**]\n`),
    });
    const base = commitAll(repo, 'propose 0001');
    writeFiles(repo, {
      'content/decisions/adr-0001.md': adr('0001', 'accepted', `${accepted}governs: [src/app/**]\n`),
      'src/app/main.ts': 'export const changed = true;\n',
      'src/lib/util.ts': 'export const changed = true;\n',
    });
    const head = commitAll(repo, 'accept 0001 and change the app');
    const diff = (format: string) =>
      runProcess(process.execPath, [path.join(projectRoot, 'src/cli/diff.ts'), '--base', base, '--format', format], {
        cwd: repo,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, PACKET_TODAY: '2026-11-24', ...gitTestEnv },
      });
    const markdown = await diff('markdown');
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain('### Decisions governing the changed files');
    // Links pinned to the head commit: the packet page answers ?at= with the state then.
    expect(markdown.stdout).toContain(
      `| \`src/app/main.ts\` | [adr-0001](</packets/adr-0001/?at=${head}>) accepted, moved by this change from proposed |`,
    );
    expect(markdown.stdout).toContain(`### [adr-0001](/packets/adr-0001/?at=${head}) — changed`);
    expect(markdown.stdout).not.toContain('`src/lib/util.ts`');
    // check --base lists them too: in the pretty report and in the GitHub job summary.
    const summary = path.join(repo, '..', `summary-${repoCount}.md`);
    const check = (format: string) =>
      runProcess(process.execPath, [path.join(projectRoot, 'src/cli/check.ts'), '--base', base, '--format', format], {
        cwd: repo,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, PACKET_TODAY: '2026-11-24', GITHUB_STEP_SUMMARY: summary, ...gitTestEnv },
      });
    const pretty = await check('pretty');
    expect(pretty.code).toBe(0);
    expect(pretty.stdout).toContain(
      'Decisions governing the changed files:\n  src/app/main.ts: adr-0001 accepted, moved by this change from proposed\n',
    );
    expect((await check('github')).code).toBe(0);
    expect(readFileSync(summary, 'utf8')).toContain(
      `| \`src/app/main.ts\` | [adr-0001](</packets/adr-0001/?at=${head}>) accepted, moved by this change from proposed |`,
    );
    const json = JSON.parse((await diff('json')).stdout);
    expect(json.governing).toEqual({
      determined: true,
      files: [
        {
          path: 'src/app/main.ts',
          decisions: [{ id: 'adr-0001', state: 'accepted', moved: { from: 'proposed', to: 'accepted' }, governs_after: true }],
        },
      ],
      not_listed: 0,
    });
  });
});
