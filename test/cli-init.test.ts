// `decision-packet init` gives a starter that works on the first edit: evidence pointing at the
// repository's own first commit (verified there), `new` writing records that pass check, an
// existing .gitignore extended and said so, and a workflow that reads the Pages configuration,
// runs on the default branch and uploads nothing from pull requests. `init --preset adr` writes
// the ADR kind that `import adr` also writes; it takes MADR 3's own fields.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { validate } from '../src/validate/validate.ts';
import { projectRoot } from './helpers/fixtures.ts';
import { commitAll, git, gitTestEnv, removeScratch, scratch } from './helpers/git-repo.ts';
import { runProcess, type RunResult } from './helpers/run.ts';

afterAll(removeScratch);

let count = 0;
/** A fresh repository, with `commits` commits of a README and a second file. */
function repository(commits: number): string {
  count += 1;
  const dir = path.join(scratch, `init-${count}`);
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'trunk']);
  git(dir, ['config', 'user.name', 'Test Author']);
  git(dir, ['config', 'user.email', 'author@example.test']);
  for (let index = 0; index < commits; index += 1) {
    writeFileSync(path.join(dir, index === 0 ? 'README.md' : `file-${index}.txt`), `${index}\n`);
    commitAll(dir, `commit ${index}`);
  }
  return dir;
}

function packet(args: string[], cwd: string): Promise<RunResult> {
  return runProcess(process.execPath, [path.join(projectRoot, 'bin/decision-packet.js'), ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PACKET_TODAY: '2026-11-24', ...gitTestEnv },
  });
}

const check = (content: string) => validate({ contentDir: content, today: '2026-11-24', env: {} });
const issuesOf = async (content: string) => (await check(content)).issues.map((issue) => [issue.ruleId, issue.file, issue.field]);

describe('decision-packet init', () => {
  it("points the starter's evidence at the repository's first commit, verified there, and check passes", async () => {
    const repo = repository(2);
    const first = git(repo, ['rev-list', '--max-parents=0', 'HEAD']);
    const init = await packet(['init'], repo);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("evidence/first-commit.yaml points at the repository's first commit (README.md).");
    const evidence = parse(readFileSync(path.join(repo, 'content/evidence/first-commit.yaml'), 'utf8'));
    expect(evidence).toMatchObject({ kind: 'reference', repository: 'this-repository', path: 'README.md', commit: first });
    expect(parse(readFileSync(path.join(repo, 'content/repositories.yaml'), 'utf8')).repositories[0].local_path).toBe('..');
    const result = await check(path.join(repo, 'content'));
    expect(result.issues).toEqual([]);
    expect(result.verification.get('first-commit')?.status).toBe('verified');
    // The kind counts evidence: its decided state lists it.
    const kind = parse(readFileSync(path.join(repo, 'content/kinds/team-decision.yaml'), 'utf8'));
    expect(kind.evidence_kinds).toHaveProperty('reference');
    expect(kind.states.decided.requires.evidence_sources.type).toBe('evidence_list');
  });

  it('keeps a placeholder commit the check accepts in a repository without a commit, and says so', async () => {
    const repo = repository(0);
    const init = await packet(['init'], repo);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('names a placeholder commit (all zeros)');
    expect(await issuesOf(path.join(repo, 'content'))).toEqual([]);
  });

  it('extends an existing .gitignore with the lines it lacks, says so, and leaves a complete one alone', async () => {
    const repo = repository(1);
    writeFileSync(path.join(repo, '.gitignore'), 'node_modules\n/dist');
    const init = await packet(['init'], repo);
    expect(init.stdout).toContain('Extended .gitignore with .astro/.');
    expect(readFileSync(path.join(repo, '.gitignore'), 'utf8')).toBe(
      "node_modules\n/dist\n# The Decision Packet build's output\n.astro/\n",
    );

    const complete = repository(1);
    writeFileSync(path.join(complete, '.gitignore'), 'node_modules/\ndist/\n.astro/\n');
    const quiet = await packet(['init'], complete);
    expect(quiet.stdout).not.toContain('.gitignore');
    expect(readFileSync(path.join(complete, '.gitignore'), 'utf8')).toBe('node_modules/\ndist/\n.astro/\n');
  });

  it('writes a workflow that reads the Pages configuration, deploys only the default branch and states the manual step', async () => {
    const repo = repository(1);
    const init = await packet(['init'], repo);
    expect(init.stdout).toContain('One manual step: in the repository\'s Settings → Pages, set Source to "GitHub Actions".');
    const text = readFileSync(path.join(repo, '.github/workflows/decision-packet.yml'), 'utf8');
    expect(text).toContain('# One manual step: in the repository\'s Settings → Pages, set Source to "GitHub Actions".');
    const workflow = parse(text);
    const defaultBranch = 'github.ref_name == github.event.repository.default_branch';
    expect(workflow.jobs.packet.if).toContain(defaultBranch);
    expect(workflow.jobs.deploy.if).toBe(`github.event_name == 'push' && ${defaultBranch}`);
    const steps = workflow.jobs.packet.steps as {
      id?: string;
      uses?: string;
      env?: Record<string, string>;
      with?: Record<string, string>;
    }[];
    expect(steps.find((step) => step.id === 'pages')?.uses).toMatch(/^actions\/configure-pages@/);
    const action = steps.find((step) => step.uses === './node_modules/decision-packet')!;
    expect(action.env).toEqual({ PACKET_SITE: '${{ steps.pages.outputs.origin }}' });
    expect(action.with).toMatchObject({
      content: 'content',
      base: '${{ steps.pages.outputs.base_path }}/',
      upload: "${{ github.event_name == 'push' }}",
    });
    const review = JSON.stringify(workflow.jobs.review.steps);
    expect(review).toContain('PACKET_SITE=$ORIGIN');
    expect(review).toContain('PACKET_BASE=$BASE_PATH/');
  });

  it('new writes records that pass check: it names the PRD and work item it creates, or an own body titled by its id', async () => {
    const repo = repository(1);
    await packet(['init'], repo);
    const created = await packet(['new', 'team-decision', 'second-decision'], repo);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('content/prds/second-decision.md, content/work-items/second-decision-follow-up.yaml');
    expect(parse(readFileSync(path.join(repo, 'content/decisions/second-decision.yaml'), 'utf8'))).toEqual({
      kind: 'team-decision',
      status: 'open',
      prd: 'second-decision',
      work_items: { follow_up: 'second-decision-follow-up' },
    });
    expect(await issuesOf(path.join(repo, 'content'))).toEqual([]);

    const adr = repository(0);
    expect((await packet(['init', '--preset', 'adr'], adr)).code).toBe(0);
    expect((await packet(['new', 'adr', '0002-use-queues'], adr)).code).toBe(0);
    expect(await issuesOf(path.join(adr, 'content'))).toEqual([]);
  });
});

describe('init --preset adr', () => {
  it('writes the ADR kind that import adr writes and a first ADR; check passes; another preset is a usage error', async () => {
    const repo = repository(0);
    const init = await packet(['init', '--preset', 'adr', '--content', 'docs/decisions'], repo);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('docs/decisions/kinds/adr.yaml');
    expect(init.stdout).toContain('docs/decisions/decisions/0001-record-architecture-decisions.md');
    expect(readFileSync(path.join(repo, 'docs/decisions/kinds/adr.yaml'), 'utf8')).toBe(
      readFileSync(path.join(projectRoot, 'starter/presets/adr/content/kinds/adr.yaml'), 'utf8'),
    );
    expect(await issuesOf(path.join(repo, 'docs/decisions'))).toEqual([]);
    const unknown = await packet(['init', '--preset', 'rfc', '--content', 'other'], repo);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--preset needs one of: adr.');
  });

  it("accepts MADR 3's deciders, consulted and informed as lists, and refuses a comma string at its line", async () => {
    const repo = repository(0);
    await packet(['init', '--preset', 'adr'], repo);
    const adr = (deciders: string) =>
      `---\nkind: adr\ntitle: Use queues\nstatus: accepted\ndate: 2026-02-01\ndeciders: ${deciders}\nconsulted: [Data team]\ninformed: [Everyone]\n---\n\n# Use queues\n`;
    const file = path.join(repo, 'content/decisions/0002-use-queues.md');
    writeFileSync(file, adr('[Ada, Lin]'));
    expect(await issuesOf(path.join(repo, 'content'))).toEqual([]);
    writeFileSync(file, adr('Ada, Lin'));
    const result = await check(path.join(repo, 'content'));
    expect(result.issues.map((issue) => [issue.ruleId, issue.file, issue.line, issue.field])).toEqual([
      ['DP205', 'content/decisions/0002-use-queues.md', 6, 'deciders'],
    ]);
    expect(result.issues[0]!.message).toContain('list');
  });
});
