// Reviews on real temporary git repositories: `check --base` and `diff --base` as whole
// processes, the change rules (DP8xx) over two validations, the GitHub annotation cap with the
// job summary, and SARIF validated against the SARIF 2.1.0 JSON schema.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { changeIssues } from '../src/diff/change-rules.ts';
import { kindViewOf, transitionAllowed } from '../src/diff/kind-view.ts';
import { diffPackets } from '../src/diff/packet-diff.ts';
import { MASK } from '../src/report/redact.ts';
import { fake } from './helpers/fake-secrets.ts';
import { makeContent, projectRoot, validateFixture } from './helpers/fixtures.ts';
import { runProcess, type RunResult } from './helpers/run.ts';
import { commitAll, git, gitTestEnv, initRepo, overlay, removeScratch, scratch, writeFiles } from './helpers/git-repo.ts';

afterAll(removeScratch);

function run(script: 'check' | 'diff', cwd: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return runProcess(process.execPath, [path.join(projectRoot, 'src/cli', `${script}.ts`), ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PACKET_TODAY: '2026-11-24', ...gitTestEnv, ...env },
  });
}

const blocked = (title: string) => `title: ${title}\nstatus: blocked\n`;

describe('a valid change: not_decided to Branch A with its evidence', () => {
  it('passes check --base and the diff names both states, the new fields, the evidence and the work items that may move', async () => {
    const repo = initRepo('valid-transition');
    overlay(repo, 'DP701-admitted-stage2-pass-passes');
    writeFiles(repo, { 'content/work-items/ALPHA-3.yaml': blocked('Alpha Stage 2 run') });
    const checked = await run('check', repo, ['--base', 'main']);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);

    const diff = await run('diff', repo, ['--base', 'main'], { PACKET_SITE: 'https://packets.example.test', PACKET_BASE: '/planning/' });
    expect(diff.code).toBe(0);
    const markdown = diff.stdout;
    expect(markdown).toContain('<!-- decision-packet-review -->');
    expect(markdown).toContain('**Check: passed.**');
    expect(markdown).toContain('### [alpha](https://packets.example.test/planning/packets/alpha/) — changed');
    expect(markdown).toContain(
      '**State** (`decision_status`): Not decided — current safe state (`not_decided`) → Branch A — External Provider Approved (`external_provider_approved`) — allowed by the kind *Provider decision*',
    );
    expect(markdown).not.toMatch(/\[`decision_status`\]/); // the state has its own line, not a field row
    expect(markdown).toMatch(/provider_class.*\| added \| {2}\| `external_anthropic` \|/);
    expect(markdown).toMatch(
      /- added \[`alpha-admission`\]\(https:\/\/packets\.example\.test\/planning\/packets\/alpha\/#evidence-alpha-admission\) \(admission, counted by the gates\).*not verified/,
    );
    expect(markdown).toMatch(
      /\| `ALPHA-3` \| `work_items.stage2` \| `blocked` \| `blocked` \| may now move to `candidate`, `in_progress`, `done` \|/,
    );
    expect(markdown).toMatch(/\| `ALPHA-1` \| `work_item` \| `blocked` \| `blocked` \| may now move to .*`done`/);
    expect(markdown).not.toMatch(/`ALPHA-2`/); // the local adapter stays held under Branch A

    const json = JSON.parse((await run('diff', repo, ['--base', 'main', '--format', 'json'])).stdout);
    expect(json.version).toBe(1);
    expect(json.base.commit).toBe(git(repo, ['rev-parse', 'main']));
    const packet = json.packets.find((entry: { id: string }) => entry.id === 'alpha');
    expect(packet.change).toBe('changed');
    expect(packet.kind).toEqual({ before: 'provider-decision', after: 'provider-decision', title: 'Provider decision' });
    expect(packet.state).toEqual({
      field: 'decision_status',
      before: { id: 'not_decided', label: 'Not decided — current safe state' },
      after: { id: 'external_provider_approved', label: 'Branch A — External Provider Approved' },
      changed: true,
      allowed: true,
    });
    expect(packet.fields).toContainEqual({ field: 'provider', change: 'added', after: 'anthropic' });
    expect(packet.workItems.find((item: { id: string }) => item.id === 'ALPHA-3').mayNowMoveTo).toEqual([
      'candidate',
      'in_progress',
      'done',
    ]);
    expect(packet.evidence.map((evidence: { id: string; change: string }) => `${evidence.change} ${evidence.id}`)).toEqual([
      'added alpha-admission',
      'added alpha-stage2',
    ]);
  });
});

describe('a transition the kind does not allow', () => {
  it('fails check --base with DP214 at the state field, naming both states; the diff says it is not allowed', async () => {
    const repo = initRepo('disallowed-transition', ['valid-branch-a']);
    overlay(repo, 'DP400-branch-b-empty-passes');
    expect((await run('check', repo, [])).code).toBe(0); // valid on its own
    const checked = await run('check', repo, ['--base', 'HEAD']);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain(
      'content/decisions/alpha.yaml:3:18: DP214 state-transition: decision_status: decision_status: the change moves the decision from "external_provider_approved" (Branch A — External Provider Approved) to "local_provider_required" (Branch B — Local Provider Required); its kind "provider-decision" allows from "external_provider_approved" only: "not_decided".',
    );
    const diff = await run('diff', repo, ['--base', 'HEAD']);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain(
      '(`external_provider_approved`) → Branch B — Local Provider Required (`local_provider_required`) — **not allowed** by the kind *Provider decision* (DP214)',
    );
    expect(diff.stdout).toContain('**Check: 1 violation.**');
  });
});

describe('the base side', () => {
  it("is validated, but its own violations are not the change's: a change that fixes them passes, and the diff shows the gate that now passes", async () => {
    const repo = initRepo('base-violations', ['DP700-local-adapter-not-blocked']);
    expect((await run('check', repo, [])).code).toBe(1);
    writeFiles(repo, { 'content/work-items/ALPHA-2.yaml': blocked('Alpha local adapter') });
    const checked = await run('check', repo, ['--base', 'HEAD']);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
    const json = JSON.parse((await run('diff', repo, ['--base', 'HEAD', '--format', 'json'])).stdout);
    expect(json.base.violations).toBe(1);
    expect(json.violations).toEqual([]);
    expect(json.head.commit).toBeNull(); // the working tree differs from HEAD
    expect(json.packets[0].gates).toEqual([{ rule: 'DP700', name: 'role-state-not-reached', before: 'fail', after: 'pass' }]);
    expect(json.packets[0].workItems).toEqual([
      {
        id: 'ALPHA-2',
        field: 'work_items.local_adapter',
        before: 'candidate',
        after: 'blocked',
        statusChanged: true,
        mayNowMoveTo: [],
        noLongerMayMoveTo: [],
      },
    ]);
  });
});

describe('acceptance criteria across a change', () => {
  it('lists a reworded criterion under its kept anchor, an added one, and a removed one', async () => {
    const repo = initRepo('criteria', ['DP210-named-anchors-passes']);
    const prd = readFileSync(path.join(repo, 'content/prds/alpha.md'), 'utf8');
    writeFiles(repo, {
      'content/prds/alpha.md': prd
        .replace('is current safe state. {#safe-state}', 'is the current safe state, always. {#safe-state}')
        .replace(
          '- Packet says it does not approve or admit any provider/model. {#no-approval}\n',
          '- Packet names its admission authority. {#authority}\n',
        ),
    });
    const json = JSON.parse((await run('diff', repo, ['--base', 'HEAD', '--format', 'json'])).stdout);
    expect(json.packets[0].criteria).toEqual([
      {
        anchor: 'ac-safe-state',
        change: 'reworded',
        before: 'Packet states not_decided is current safe state.',
        after: 'Packet states not_decided is the current safe state, always.',
        line: 18,
      },
      { anchor: 'ac-authority', change: 'added', after: 'Packet names its admission authority.', line: 19 },
      { anchor: 'ac-no-approval', change: 'removed', before: 'Packet says it does not approve or admit any provider/model.', line: 19 },
    ]);
    const markdown = (await run('diff', repo, ['--base', 'HEAD'])).stdout;
    expect(markdown).toContain(
      '- reworded [`#ac-safe-state`](/packets/alpha/#ac-safe-state): Packet states not\\_decided is current safe state. → Packet states not\\_decided is the current safe state, always.',
    );
    expect(markdown).toContain('- removed `#ac-no-approval`');
  });

  it('refuses removing a criterion that another record links to (DP800 at the link)', async () => {
    const repo = initRepo('criteria-linked', ['DP210-named-anchors-passes']);
    writeFiles(repo, {
      'content/work-items/ALPHA-2.yaml':
        'title: Alpha local adapter\nstatus: blocked\nblocked_reason: Waits for /packets/alpha/#ac-no-approval to hold.\n',
    });
    commitAll(repo, 'link the criterion');
    const prd = readFileSync(path.join(repo, 'content/prds/alpha.md'), 'utf8');
    writeFiles(repo, {
      'content/prds/alpha.md': prd.replace('- Packet says it does not approve or admit any provider/model. {#no-approval}\n', ''),
    });
    const checked = await run('check', repo, ['--base', 'HEAD']);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toMatch(
      /^content\/work-items\/ALPHA-2\.yaml:3:17: DP800 linked-anchor-removed: blocked_reason: blocked_reason: the change removes the acceptance criterion "#ac-no-approval" of the packet "alpha"/m,
    );
  });
});

describe('removed link targets', () => {
  it("refuses removing a criterion the packet's kind traces to rules (DP800 at the kind's criteria entry)", async () => {
    const repo = initRepo('criteria-traced');
    const prd = readFileSync(path.join(repo, 'content/prds/alpha.md'), 'utf8');
    writeFiles(repo, { 'content/prds/alpha.md': prd.replace('- Packet says it does not approve or admit any provider/model.\n', '') });
    const checked = await run('check', repo, ['--base', 'HEAD']);
    expect(checked.code).toBe(1);
    const line =
      readFileSync(path.join(repo, 'content/kinds/provider-decision.yaml'), 'utf8').split('\n').indexOf('  ac-2: [DP201, DP203]') + 1;
    expect(checked.stderr).toContain(
      `content/kinds/provider-decision.yaml:${line}:3: DP800 linked-anchor-removed: criteria.ac-2: criteria.ac-2: the change removes the acceptance criterion "#ac-2" of the packet "alpha"`,
    );
    expect(checked.stderr).toContain('1 problem in 1 file');
  });

  it('refuses removing a packet that another record links to', async () => {
    const repo = initRepo('packet-linked');
    writeFiles(repo, {
      'content/decisions/beta.yaml': readFileSync(path.join(repo, 'content/decisions/alpha.yaml'), 'utf8'),
      'content/work-items/ALPHA-2.yaml': 'title: Alpha local adapter\nstatus: blocked\nblocked_reason: See /packets/beta/ first.\n',
    });
    commitAll(repo, 'add beta, linked');
    writeFiles(repo, { 'content/decisions/beta.yaml': null });
    const checked = await run('check', repo, ['--base', 'HEAD']);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain(
      'content/work-items/ALPHA-2.yaml:3:17: DP800 linked-anchor-removed: blocked_reason: blocked_reason: the change removes the packet "beta", and this record still links to it.',
    );
    const json = JSON.parse((await run('diff', repo, ['--base', 'HEAD', '--format', 'json'])).stdout);
    expect(json.packets.map((packet: { id: string; change: string }) => `${packet.change} ${packet.id}`)).toEqual(['removed beta']);
  });
});

describe('secrets in a change', () => {
  it('masks a secret the change adds, in the diff and in check', async () => {
    const repo = initRepo('secret');
    const secret = fake.github();
    overlay(repo, 'valid-branch-a');
    const decision = readFileSync(path.join(repo, 'content/decisions/alpha.yaml'), 'utf8');
    writeFiles(repo, {
      'content/decisions/alpha.yaml': decision.replace(
        'approval_source: JP approval 2026-06-01',
        `approval_source: "JP approval, token ${secret}"`,
      ),
    });
    for (const format of ['markdown', 'json']) {
      const diff = await run('diff', repo, ['--base', 'HEAD', '--format', format]);
      expect(diff.code).toBe(0);
      expect(diff.stdout + diff.stderr).not.toContain(secret);
      expect(diff.stdout).toContain(MASK);
      expect(diff.stdout).toContain('DP600');
    }
    const json = JSON.parse((await run('diff', repo, ['--base', 'HEAD', '--format', 'json'])).stdout);
    expect(json.packets[0].fields).toContainEqual({ field: 'approval_source', change: 'added', after: MASK });
    const checked = await run('check', repo, ['--base', 'HEAD']);
    expect(checked.code).toBe(1);
    expect(checked.stdout + checked.stderr).not.toContain(secret);
  });
});

describe('a base that is not a commit', () => {
  it('exits 2 with a clear message, never a pass', async () => {
    const repo = initRepo('bad-base');
    const tree = git(repo, ['rev-parse', 'HEAD^{tree}']);
    for (const base of ['no-such-branch', tree, '0123456789abcdef0123456789abcdef01234567', '--output=x']) {
      for (const script of ['check', 'diff'] as const) {
        const result = await run(script, repo, ['--base', base]);
        expect(result.code, `${script} --base ${base}`).toBe(2);
        expect(result.stderr).toContain('--base does not name a commit of this repository.');
        expect(result.stdout).toBe('');
      }
    }
  });

  it('exits 2 in a shallow clone that lacks the base', async () => {
    const repo = initRepo('shallow-source');
    const first = git(repo, ['rev-parse', 'HEAD']);
    commitAll(repo, 'second');
    const clone = path.join(scratch, 'shallow-clone');
    git(scratch, ['clone', '-q', '--depth', '1', `file://${repo}`, clone]);
    const result = await run('check', clone, ['--base', first]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '--base is not in this shallow clone: fetch the full history (CI: actions/checkout with fetch-depth: 0).',
    );
  });

  it('exits 2 outside a git repository', async () => {
    const content = makeContent();
    const result = await run('diff', path.dirname(content), ['--base', 'main']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--base cannot be read: the content folder is not in a git repository.');
  });
});

describe('change rules over two validations', () => {
  it("judges a transition by the decision's kind file", async () => {
    const view = kindViewOf((await validateFixture()).records, { data: { kind: 'provider-decision' } })!;
    expect(view).toMatchObject({
      id: 'provider-decision',
      title: 'Provider decision',
      stateField: 'decision_status',
      safeState: 'not_decided',
    });
    expect(transitionAllowed(view, 'not_decided', 'external_provider_approved')).toBe(true);
    expect(transitionAllowed(view, 'not_decided', 'not_decided')).toBe(true);
    expect(transitionAllowed(view, 'external_provider_approved', 'local_provider_required')).toBe(false);
  });

  it('allows not_decided → Branch A, and the diff names both states with their labels', async () => {
    const base = await validateFixture();
    const head = await validateFixture('valid-branch-a');
    expect(changeIssues(base, head)).toEqual([]);
    const packet = diffPackets(base, head).packets[0]!;
    expect(packet.state).toMatchObject({
      field: 'decision_status',
      before: { id: 'not_decided' },
      after: { id: 'external_provider_approved' },
      changed: true,
      allowed: true,
    });
    expect(packet.fields.map((field) => field.field)).not.toContain('decision_status');
  });

  it('refuses Branch A → Branch B, which the kind allows only through not_decided: DP214 at the state field', async () => {
    const issues = changeIssues(await validateFixture('valid-branch-a'), await validateFixture('DP400-branch-b-empty-passes'));
    expect(issues.map((issue) => [issue.ruleId, issue.file, issue.line, issue.column, issue.field])).toEqual([
      ['DP214', 'content/decisions/alpha.yaml', 3, 18, 'decision_status'],
    ]);
  });

  it('refuses a decision whose kind changes (DP801)', async () => {
    const base = await validateFixture();
    const head = await validateFixture();
    (head.records.decisions.get('alpha')!.data as Record<string, unknown>).kind = 'another-kind';
    const issues = changeIssues(base, head);
    expect(issues.map((issue) => [issue.ruleId, issue.file, issue.field])).toEqual([['DP801', 'content/decisions/alpha.yaml', 'kind']]);
  });
});

describe('where the review happens', () => {
  function contentWithViolations(count: number): string {
    const dir = path.join(scratch, `violations-${count}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const repo = initRepo(`violations-${count}`);
    for (let index = 0; index < count; index += 1) {
      writeFiles(repo, {
        [`content/evidence/bad-${String(index).padStart(2, '0')}.yaml`]:
          'title: Bad commit\nkind: validator\nrepository: product\npath: tools/validate.py\ncommit: "0123abc"\n',
      });
    }
    return repo;
  }

  it('annotates the first 10 of 25 violations and writes all 25 to the job summary', async () => {
    const repo = contentWithViolations(25);
    const summary = path.join(scratch, 'summary.md');
    writeFileSync(summary, '');
    const result = await run('check', repo, ['--format', 'github'], { GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: 'true' });
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('::error '))).toHaveLength(10);
    expect(lines.filter((line) => /^content\/evidence\/bad-\d\d\.yaml:5:9: DP500/.test(line))).toHaveLength(15);
    expect(lines.at(-1)).toBe(
      '::notice title=Decision Packet::15 of 25 violations are not annotated (GitHub shows 10 per step); the job summary lists all 25.',
    );
    const written = readFileSync(summary, 'utf8');
    expect(written).toContain('### Decision Packet: 25 violations');
    expect(written).toContain('15 of 25 violations are not annotated on the files (GitHub shows 10 per step); all 25 are listed here.');
    expect(written.split('\n').filter((line) => line.startsWith('| `content/evidence/bad-'))).toHaveLength(25);
  });

  it('prints SARIF 2.1.0 that validates against the schema, with help links and locations', async () => {
    const repo = contentWithViolations(3);
    const result = await run('check', repo, ['--format', 'sarif'], {
      PACKET_SITE: 'https://packets.example.test',
      PACKET_BASE: '/planning/',
    });
    expect(result.code).toBe(1);
    const sarif = JSON.parse(result.stdout);
    // The SARIF 2.1.0 schema (rtm.5, the OASIS standard's) as @microsoft/jest-sarif ships it (MIT
    // licence); draft-04, so ajv-draft-04, with the schema's patterns read without the u flag.
    const schema = JSON.parse(
      readFileSync(createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    );
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const valid = ajv.validate(schema, sarif);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(sarif.version).toBe('2.1.0');
    const run0 = sarif.runs[0];
    expect(run0.results).toHaveLength(3);
    expect(run0.results[0]).toMatchObject({
      ruleId: 'DP500',
      level: 'error',
      locations: [
        { physicalLocation: { artifactLocation: { uri: 'content/evidence/bad-00.yaml' }, region: { startLine: 5, startColumn: 9 } } },
      ],
    });
    const rule = run0.tool.driver.rules[run0.results[0].ruleIndex];
    expect(rule.id).toBe('DP500');
    expect(rule.helpUri).toBe('https://packets.example.test/planning/rules/#dp500');
    expect(run0.tool.driver.rules.map((entry: { id: string }) => entry.id)).toEqual(expect.arrayContaining(['DP214', 'DP800', 'DP801']));
  });
});

describe('the shipped workflow', () => {
  it('posts the diff as one sticky comment found by the review marker, and checks the change', async () => {
    const { parse } = await import('yaml');
    const { REVIEW_MARKER } = await import('../src/diff/review-document.ts');
    const workflow = parse(readFileSync(path.join(projectRoot, '.github/workflows/decision-packet.yml'), 'utf8'));
    const steps: { name?: string; run?: string; uses?: string; with?: { script?: string } }[] = workflow.jobs.review.steps;
    expect(steps.find((step) => step.uses === 'actions/checkout@v4')).toMatchObject({ with: { 'fetch-depth': 0 } });
    expect(steps.some((step) => step.run?.includes('diff -- --base "origin/$BASE_REF" --summary > review.md'))).toBe(true);
    expect(steps.some((step) => step.run?.includes('check -- --base "origin/$BASE_REF" --format github'))).toBe(true);
    const comment = steps.filter((step) => step.uses?.startsWith('actions/github-script'));
    expect(comment).toHaveLength(1);
    expect(comment[0]!.with!.script).toContain(`const marker = '${REVIEW_MARKER}';`);
    expect(comment[0]!.with!.script).toContain('updateComment');
  });
});
