// `npm run build` as a whole process: the shipped packet is published with everything the
// contract says it shows; invalid content exits 1 and leaves no output behind.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeContent, projectRoot } from './helpers/fixtures.ts';
import { makeBuildDir, runCli, type RunResult } from './helpers/run.ts';
import { pageText } from './helpers/page-text.ts';
import { getValidatedSite } from '../src/integration/validated-site.ts';
import { machineReadableFiles } from '../src/site/machine-readable.ts';
import { buildMarker, writeBuildMarker } from '../src/integration/output-folder.ts';

const buildDirs: string[] = [];
afterAll(() => {
  for (const dir of buildDirs) rmSync(dir, { recursive: true, force: true });
});

function buildEnv(extra: NodeJS.ProcessEnv = {}) {
  const dir = makeBuildDir('build');
  buildDirs.push(dir);
  return {
    out: path.join(dir, 'dist'),
    env: { PACKET_TODAY: '2026-11-24', PACKET_OUT_DIR: path.join(dir, 'dist'), PACKET_CACHE_DIR: path.join(dir, 'cache'), ...extra },
  };
}

const seedPrd = readFileSync(path.join(projectRoot, 'content/prds/cto-case-provider-decision-packet.md'), 'utf8');
const seedCriteria = seedPrd
  .split('## Acceptance Criteria')[1]!
  .split('\n## ')[0]!
  .split('\n')
  .filter((line) => line.startsWith('- '))
  .map((line) => line.slice(2).replace(/`/g, '').trim());

describe('building the shipped content', () => {
  let result: RunResult;
  let out: string;
  beforeAll(async () => {
    const build = buildEnv();
    out = build.out;
    result = await runCli('build', [], build.env);
  });

  it('exits 0 and writes the packet page', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(path.join(out, 'packets/cto-work-020/index.html'))).toBe(true);
  });

  it('states the safe state, the disclaimers and the authorities', () => {
    const text = pageText(readFileSync(path.join(out, 'packets/cto-work-020/index.html'), 'utf8'));
    expect(text).toContain('not_decided is the current safe state');
    expect(text).toContain('This packet does not approve or admit any provider/model');
    expect(text).toContain('This packet is not Stage 2 pass evidence');
    expect(text).toContain('CTO-WORK-020 is the provider/model admission authority');
    expect(text).toContain('CTO_HARNESS_CASE_MODEL_ADMISSION_FILE admission JSON gate is the execution authority');
    expect(text).toContain('No Target Repository path may be inspected or copied');
    expect(text).toContain('Branch A — External Provider Approved');
    expect(text).toContain('Branch B — Local Provider Required');
  });

  it("states each of the PRD's thirteen acceptance criteria under a stable anchor", () => {
    const html = readFileSync(path.join(out, 'packets/cto-work-020/index.html'), 'utf8');
    expect(seedCriteria).toHaveLength(13);
    seedCriteria.forEach((criterion, index) => {
      const item = new RegExp(`<li id="ac-${index + 1}">([\\s\\S]*?)</li>`).exec(html);
      expect(item, `criterion ${index + 1}`).not.toBeNull();
      expect(pageText(item![1]!).trim()).toContain(criterion);
    });
  });

  it('shows each gated work item with its status and why', () => {
    const text = pageText(readFileSync(path.join(out, 'packets/cto-work-020/index.html'), 'utf8'));
    // Each item by title, with its status and why, where the page states what the decision blocks.
    expect(text).toMatch(/Blocked Provider\/model admission for the Case route \(admission authority\) blocked — CTO-WORK-020 is/);
    expect(text).toContain(
      'Case-compatible local provider adapter blocked — Stays blocked unless decision_status=local_provider_required; it is not_decided.',
    );
    expect(text).toMatch(/Real Case Stage 2 run blocked — Real Case Stage 2 stays blocked until/);
    // And under its role's anchor with its id, in the gated work items.
    expect(text).toMatch(/Local adapter: CTO-WORK-022 blocked # Case-compatible local provider adapter\. Enforced by DP700/);
  });

  it('links each evidence reference to its commit and to the file at that commit', () => {
    const html = readFileSync(path.join(out, 'packets/cto-work-020/index.html'), 'utf8');
    const evidence = readFileSync(path.join(projectRoot, 'content/evidence/decision-packet-validator.yaml'), 'utf8');
    const commit = /commit: "([0-9a-f]{40})"/.exec(evidence)![1]!;
    expect(html).toContain(`href="https://git.example.org/decision-packet/decision-packet/commit/${commit}"`);
    expect(html).toContain(`href="https://git.example.org/decision-packet/decision-packet/blob/${commit}/src/validate/validate.ts"`);
  });

  it('keeps every published anchor, gives each PRD heading its own, and folds the PRD sections the page shows', () => {
    const html = readFileSync(path.join(out, 'packets/cto-work-020/index.html'), 'utf8');
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]));
    for (const anchor of [
      'state',
      'decision-record',
      'states',
      'branches',
      'authority',
      'gated-work-items',
      'evidence',
      'target-repositories',
      'acceptance-criteria',
      'history',
      'link',
      'prd',
      'branch-external-provider-approved',
      'branch-local-provider-required',
      'branch-local-provider-required-provider-class',
      'state-external-provider-approved',
      'state-local-provider-required',
      'state-local-provider-required-provider-class',
      'field-decision-status',
      'gate-admission-authority',
      'gate-local-adapter',
      'gate-stage2',
      'evidence-decision-packet-validator',
      'ac-1',
      'ac-13',
    ]) {
      expect(ids.has(anchor), anchor).toBe(true);
    }
    for (const heading of [
      'prd-problem-statement',
      'prd-scope',
      'prd-non-goals',
      'prd-decision-branches',
      'prd-branch-a-external-provider-approved',
      'prd-acceptance-criteria',
      'prd-risks-and-dependencies',
    ]) {
      expect(html, heading).toMatch(new RegExp(`<h\\d id="${heading}">[\\s\\S]*?<a class="anchor-link" href="#${heading}"`));
    }
    // The PRD's "Decision Branches" and "Acceptance Criteria" are folded: the page shows both above.
    const folded = [...html.matchAll(/<details class="prd-fold">([\s\S]*?)<\/details>/g)].map((match) => match[1]!);
    expect(folded.map((section) => /<summary>[\s\S]*?prd-fold-title">([^<]+)/.exec(section)?.[1])).toEqual([
      'Decision Branches',
      'Acceptance Criteria',
    ]);
    expect(folded[0]).toContain('id="prd-branch-b-local-provider-required"');
    // States are <details>: none recorded in the safe state, so none open.
    expect(html).toMatch(/<details class="state-option"/);
    expect(html).not.toMatch(/<details class="state-option[^"]*" open/);
  });

  it("puts the search box in every page's header and a heading with its id on every rule", () => {
    for (const page of [
      'index.html',
      'packets/cto-work-020/index.html',
      'rules/index.html',
      'guides/writing-a-packet/index.html',
      'evidence/index.html',
    ]) {
      const html = readFileSync(path.join(out, page), 'utf8');
      expect(html, page).toMatch(/<header class="site-header">[\s\S]*<form class="header-search" role="search" action="\/search\/"/);
    }
    const rules = readFileSync(path.join(out, 'rules/index.html'), 'utf8');
    expect(rules).toMatch(/<h3 id="dp504"><code>DP504<\/code>/);
    expect(rules).toMatch(/<h3 id="dp201"><code>DP201<\/code>/);
    const rulesText = pageText(rules);
    // Each rule lists the messages it can report, their data as placeholders.
    expect(rulesText).toContain(
      '‹field› names a term of list ‹list›, which a decision whose ‹stateField› is ‹state› may not name in any field.',
    );
    expect(rulesText).toMatch(/DP309[^]*?Severity: warning: reported; fails the check only with --strict\./);
    expect(rulesText).toMatch(/DP201[^]*?Severity: error: fails the check, nothing is published\./);
  });

  it("anchors each recorded commit of a packet's history as #at-<commit>, with its state, for ?at= links", () => {
    const html = readFileSync(path.join(out, 'packets/cto-work-020/index.html'), 'utf8');
    const commits = execFileSync('git', ['log', '--format=%H', '--', 'content/decisions/cto-work-020.yaml'], {
      cwd: projectRoot,
      encoding: 'utf8',
    })
      .trim()
      .split('\n');
    expect(commits.length).toBeGreaterThan(0);
    for (const commit of commits.slice(0, 100)) {
      expect(html, commit).toMatch(
        new RegExp(`<li id="at-${commit}" data-commit="${commit}" data-date="[^"]+" data-state="not_decided" data-label="[^"]+"`),
      );
    }
    // The banner is there for the script, hidden until a ?at= asks.
    expect(html).toMatch(/<div class="state-at" id="state-at" role="status" hidden data-packet="cto-work-020" data-state="not_decided"/);
  });

  it('writes the index, one page per work item and per evidence, packets.json, decision.json and the badge', () => {
    for (const page of [
      'index.html',
      'work-items/CTO-WORK-020/index.html',
      'work-items/CTO-WORK-022/index.html',
      'evidence/decision-packet-validator/index.html',
      'rules/index.html',
      'packets/cto-work-020/badge.svg',
    ]) {
      expect(existsSync(path.join(out, page)), page).toBe(true);
    }
    const packets = JSON.parse(readFileSync(path.join(out, 'packets.json'), 'utf8'));
    expect(packets.packets).toEqual([
      expect.objectContaining({ id: 'cto-work-020', kind: 'provider-decision', state: 'not_decided', safe_state: true }),
    ]);
    const decision = JSON.parse(readFileSync(path.join(out, 'packets/cto-work-020/decision.json'), 'utf8'));
    expect(decision.record.decision_status).toBe('not_decided');
    expect(decision).toMatchObject({ kind: 'provider-decision', state: 'not_decided', safe_state: true });
    expect(decision.flags).toEqual({ approves_provider: false, stage2_pass_evidence: false });
    const index = pageText(readFileSync(path.join(out, 'index.html'), 'utf8'));
    expect(index).toContain('cto-work-020');
    expect(index).toContain('not_decided');
  });

  it('writes packets.json, governing.json, llms.txt, llms-full.txt, each decision.json and each badge.svg byte for byte as the builders in machine-readable.ts make them, and no other such file', async () => {
    const options = {
      contentDir: path.join(projectRoot, 'content'),
      today: '2026-11-24',
      requireVerifiedEvidence: false,
      strict: false,
      base: '/',
    };
    const site = await getValidatedSite(options);
    const expected = machineReadableFiles(site);
    expect(expected.map((file) => file.path)).toEqual([
      'packets.json',
      'governing.json',
      'llms.txt',
      'llms-full.txt',
      'packets/cto-work-020/decision.json',
      'packets/cto-work-020/badge.svg',
    ]);
    for (const file of expected) expect(readFileSync(path.join(out, file.path)).equals(Buffer.from(file.text)), file.path).toBe(true);
    const written = readdirSync(out, { recursive: true, encoding: 'utf8' })
      .map((file) => file.split(path.sep).join('/'))
      .filter((file) => /(?:^packets\.json|^governing\.json|^llms(?:-full)?\.txt|\/decision\.json|\/badge\.svg)$/.test(file));
    expect(written.sort()).toEqual(expected.map((file) => file.path).sort());
  });
});

describe('building invalid content', () => {
  it.each([
    ['DP201-status-typo', 'decisions/alpha.yaml:3:18: DP201'],
    ['DP202-not-decided-names-provider', 'decisions/alpha.yaml:7:1: DP202'],
  ])("%s: exits 1, names file, line and rule, and writes nothing (an earlier build's site stays as it was)", async (fixture, expected) => {
    const content = makeContent(fixture);
    const build = buildEnv({ PACKET_CONTENT_DIR: content });
    mkdirSync(build.out, { recursive: true });
    writeFileSync(path.join(build.out, 'stale.html'), 'from an earlier build');
    await writeBuildMarker(build.out);
    const result = await runCli('build', [], build.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(expected);
    expect(readdirSync(build.out).sort()).toEqual([buildMarker, 'stale.html']);
    expect(readdirSync(path.dirname(build.out)).filter((name) => name.startsWith('.dist'))).toEqual([]);
  });
});
