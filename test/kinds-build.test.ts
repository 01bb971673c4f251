// Kinds no code knows: an invented third kind (test/fixtures/third-kind) and the ADR example
// (examples/adr) pass check and build with no code change, publish their own states, roles and
// links, and their violations name their own states and fields.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, makeContent, projectRoot } from './helpers/fixtures.ts';
import { makeBuildDir, runCli, type RunResult } from './helpers/run.ts';
import { pageText } from './helpers/page-text.ts';
import { fake } from './helpers/fake-secrets.ts';
import { validate } from '../src/validate/validate.ts';
import { refreshClaims } from './helpers/claims.ts';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** The shipped ADR example, with fixture folders laid over it. */
function adrContent(...overlays: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'decision-packet-adr-'));
  made.push(dir);
  const content = path.join(dir, 'content');
  cpSync(path.join(projectRoot, 'examples/adr'), content, { recursive: true });
  for (const overlay of overlays) cpSync(path.join(fixturesDir, overlay), content, { recursive: true });
  refreshClaims(content);
  return content;
}

function thirdKindContent(withViolations: boolean): string {
  const content = makeContent('third-kind', { withoutBase: true });
  if (withViolations) cpSync(path.join(fixturesDir, 'third-kind-violations'), content, { recursive: true });
  return content;
}

const check = (content: string) => validate({ contentDir: content, cwd: path.dirname(content), today: '2026-11-24', env: {} });

async function build(content: string): Promise<{ result: RunResult; out: string }> {
  const dir = makeBuildDir('kinds');
  made.push(dir);
  const out = path.join(dir, 'dist');
  const result = await runCli('build', [], {
    PACKET_TODAY: '2026-11-24',
    PACKET_CONTENT_DIR: content,
    PACKET_OUT_DIR: out,
    PACKET_CACHE_DIR: path.join(dir, 'cache'),
  });
  return { result, out };
}

describe('an invented third kind', () => {
  it('passes check with its own states, role and evidence requirement', async () => {
    const result = await check(thirdKindContent(false));
    expect(result.issues).toEqual([]);
    expect(result.records.decisions.get('db-choice')?.data).toMatchObject({ kind: 'database-choice', phase: 'chosen' });
  });

  it('names its own states and fields in every violation', async () => {
    const result = await check(thirdKindContent(true));
    expect(result.issues.map((issue) => [issue.ruleId, issue.file, issue.line, issue.field])).toEqual([
      ['DP203', 'content/decisions/db-bench.yaml', 4, 'review_by'],
      ['DP400', 'content/decisions/db-choice.yaml', 7, 'engine'],
      ['DP401', 'content/decisions/db-choice.yaml', 7, 'engine'],
      ['DP204', 'content/decisions/db-choice.yaml', 8, 'tier'],
      ['DP403', 'content/decisions/db-choice.yaml', 11, 'review_by'],
      ['DP402', 'content/decisions/db-choice.yaml', 12, 'benchmarks[0]'],
      ['DP202', 'content/decisions/db-open.yaml', 7, 'engine'],
      ['DP701', 'content/work-items/DB-MIGRATION.yaml', 2, 'status'],
      ['DP702', 'content/work-items/DB-OWNER.yaml', 2, 'status'],
    ]);
    const [missing, unadmitted, term, tier, , mismatch, forbidden, migration, owner] = result.issues.map((issue) => issue.message);
    expect(missing).toBe('Field review_by is required when phase is benchmarked.');
    expect(unadmitted).toContain('phase is chosen gives engine a value');
    expect(term).toContain('retired_engines');
    expect(term).not.toContain('mysql5');
    expect(tier).toBe('tier must be "standard" or a class starting with "managed-" when phase is chosen.');
    expect(mismatch).toContain('vendor-quote evidence "db-quote" whose engine differs');
    expect(forbidden).toContain('engine is not allowed when phase is open: it belongs to field group choice');
    expect(migration).toContain('the migration (work_items.migration) of decision "db-choice"');
    expect(migration).toContain('load-test evidence listed in benchmarks with verdict green');
    expect(owner).toContain('status of this work item is done');
    for (const message of result.issues.map((issue) => issue.message)) expect(message).not.toMatch(/provider|admission|stage ?2|branch/i);
  });

  describe('built', () => {
    let built: { result: RunResult; out: string };
    beforeAll(async () => {
      built = await build(thirdKindContent(false));
    });

    it('publishes its state, notices, roles and flags', () => {
      expect(built.result.stderr).toBe('');
      expect(built.result.code).toBe(0);
      const text = pageText(readFileSync(path.join(built.out, 'packets/db-choice/index.html'), 'utf8'));
      expect(text).toContain('Recorded state Chosen');
      expect(text).toContain('Recorded: chosen. The safe state is Open — no engine chosen yet.');
      expect(text).toContain('Owning team: DB-OWNER');
      expect(text).toMatch(/Migration: DB-MIGRATION in_progress/);
      expect(text).toContain('DB-MIGRATION may run: the engine is chosen.');
      expect(text).toContain('Owner: DB-OWNER decides.');
      expect(text).toContain('Benchmarked');
      const decision = JSON.parse(readFileSync(path.join(built.out, 'packets/db-choice/decision.json'), 'utf8'));
      expect(decision).toMatchObject({
        kind: 'database-choice',
        state_field: 'phase',
        state: 'chosen',
        safe_state: false,
        flags: { engine_chosen: false },
      });
      const schema = JSON.parse(readFileSync(path.join(built.out, 'schemas/database-choice.schema.json'), 'utf8'));
      expect(JSON.stringify(schema)).toContain('"phase"');
    });
  });
});

describe('the ADR example (examples/adr)', () => {
  it('passes check', async () => {
    const result = await check(adrContent());
    expect(result.issues).toEqual([]);
    expect([...result.records.decisions.keys()].sort()).toEqual(['adr-0001', 'adr-0002', 'adr-0003']);
  });

  it('refuses a supersession cycle (DP306) on each decision of the cycle', async () => {
    const result = await check(adrContent('adr-supersession-cycle'));
    expect(result.issues.map((issue) => [issue.ruleId, issue.file, issue.line, issue.field])).toEqual([
      ['DP306', 'content/decisions/adr-0002.md', 7, 'superseded_by'],
      ['DP306', 'content/decisions/adr-0003.md', 6, 'superseded_by'],
    ]);
  });

  it('refuses a successor that does not exist (DP305)', async () => {
    const result = await check(adrContent('adr-unknown-successor'));
    expect(result.issues.map((issue) => [issue.ruleId, issue.file, issue.line, issue.field])).toEqual([
      ['DP305', 'content/decisions/adr-0002.md', 6, 'superseded_by'],
    ]);
  });

  it('reads each ADR as its own markdown document: the record from the frontmatter, the body beside it', async () => {
    const result = await check(adrContent());
    const decision = result.records.decisions.get('adr-0002')!;
    expect(decision.data).toMatchObject({
      kind: 'adr',
      title: 'ADR 0002: Store decision records as YAML',
      status: 'superseded',
      superseded_by: 'adr-0003',
    });
    expect(decision.body).toContain('## Decision outcome');
    expect(decision.bodyLine).toBe(9);
    expect(result.records.prds.size).toBe(0);
  });

  it('refuses a YAML decision of a kind whose decisions carry their own body (DP215)', async () => {
    const result = await check(adrContent('adr-body-yaml-decision'));
    expect(result.issues.map((issue) => [issue.ruleId, issue.file, issue.line, issue.field])).toEqual([
      ['DP215', 'content/decisions/adr-0004.yaml', 2, 'kind'],
    ]);
    expect(result.issues[0]!.message).toContain('body: own');
    expect(result.issues[0]!.message).toContain('decisions/<id>.md');
  });

  it('refuses a markdown decision of a kind whose decisions point at a PRD (DP215)', async () => {
    const result = await check(adrContent('adr-body-markdown-for-prd-kind'));
    expect(result.issues.map((issue) => [issue.ruleId, issue.file, issue.line, issue.field])).toEqual([
      ['DP215', 'content/decisions/memo-0001.md', 2, 'kind'],
    ]);
    expect(result.issues[0]!.message).toContain('body: prd');
  });

  it('refuses a markdown decision without a frontmatter block (DP107)', async () => {
    const result = await check(adrContent('adr-body-no-frontmatter'));
    expect(result.issues.map((issue) => [issue.ruleId, issue.file, issue.line])).toEqual([['DP107', 'content/decisions/adr-0004.md', 1]]);
  });

  it("refuses a secret in an ADR's own body (DP600) at its line, without showing it", async () => {
    const content = adrContent();
    const token = fake.github();
    const file = path.join(content, 'decisions/adr-0001.md');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.indexOf('## Consequences') + 3;
    lines.splice(at - 1, 0, `The deploy token was ${token} until it was rotated.`, '');
    writeFileSync(file, lines.join('\n'));
    const result = await check(content);
    const found = result.issues.filter((issue) => issue.ruleId === 'DP600');
    expect(found.map((issue) => [issue.ruleId, issue.file, issue.line])).toEqual([['DP600', 'content/decisions/adr-0001.md', at]]);
    expect(JSON.stringify(result.issues)).not.toContain(token);
  });

  it("scans an ADR's own body as it renders, as a PRD's is (DP600 at the line of a secret built by character references)", async () => {
    const content = adrContent();
    const token = fake.github();
    const file = path.join(content, 'decisions/adr-0003.md');
    const text = readFileSync(file, 'utf8');
    const line = text.split('\n').length;
    writeFileSync(file, `${text}\nThe token was &#x67;${token.slice(1)} until it was rotated.\n`);
    refreshClaims(content);
    const result = await check(content);
    expect(result.issues.map((issue) => [issue.ruleId, issue.file, issue.line])).toEqual([
      ['DP600', 'content/decisions/adr-0003.md', line + 1],
    ]);
    expect(result.issues[0]!.message).toBe(
      'A GitHub token is in this decision text as it renders (character references or backslash escapes decoded); it is not shown.',
    );
    expect(JSON.stringify(result.issues)).not.toContain(token.slice(1));
  });

  it("builds, with the supersession link written once and shown on both pages, and each ADR's own body", async () => {
    const { result, out } = await build(adrContent());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const superseded = readFileSync(path.join(out, 'packets/adr-0002/index.html'), 'utf8');
    const successor = readFileSync(path.join(out, 'packets/adr-0003/index.html'), 'utf8');
    expect(pageText(superseded)).toContain('superseded_by: adr-0003');
    expect(superseded).toMatch(/href="\/packets\/adr-0003\/"/);
    expect(pageText(successor)).toContain('Supersedes: adr-0002');
    expect(successor).toMatch(/href="\/packets\/adr-0002\/"/);
    expect(pageText(successor)).toContain('Recorded state Accepted');
    expect(pageText(successor)).toContain('Recorded: accepted. The safe state is Proposed — not decided yet.');

    // Each ADR's own body is shown where a PRD would be; it points at no PRD.
    const page = pageText(superseded);
    expect(page).toContain('ADR 0002: Store decision records as YAML');
    expect(page).toMatch(/The decision # Source decisions\/adr-0002\.md/);
    expect(page).toContain('Chosen option: YAML files, read by any YAML parser, because people write them by hand.');
    expect(page).toContain('Decision drivers');
    expect(page).toContain('superseded_by: adr-0003');
    expect(page).not.toContain('The PRD');
    expect(page).toContain('Superseded by: adr-0003');
    expect(pageText(successor)).toContain('Chosen option: YAML 1.2 core schema only, no duplicate keys, anchors, aliases or tags.');
    const decision = JSON.parse(readFileSync(path.join(out, 'packets/adr-0002/decision.json'), 'utf8'));
    expect(decision).toMatchObject({ kind: 'adr', state: 'superseded', prd: null, source: 'decisions/adr-0002.md' });
    expect(decision.links).toEqual([{ field: 'superseded_by', direction: 'to', packet: 'adr-0003' }]);
    const kindSchema = JSON.parse(readFileSync(path.join(out, 'schemas/kind.schema.json'), 'utf8'));
    expect(kindSchema.properties.body).toMatchObject({ enum: ['own', 'prd'], description: expect.stringContaining('decisions/<id>.md') });
    const packets = JSON.parse(readFileSync(path.join(out, 'packets.json'), 'utf8'));
    expect(JSON.stringify(packets)).toContain('"title":"ADR 0003: Read decision records as strict YAML 1.2"');
    // The static machine answers: governing decisions first in llms.txt, governing.json by prefix.
    const llms = readFileSync(path.join(out, 'llms.txt'), 'utf8');
    expect(llms.indexOf('(adr-0003): accepted')).toBeGreaterThan(0);
    expect(llms.indexOf('(adr-0003): accepted')).toBeLessThan(llms.indexOf('(adr-0002): superseded'));
    expect(JSON.parse(readFileSync(path.join(out, 'governing.json'), 'utf8')).prefixes).toEqual({
      'src/reader/positions.ts': ['adr-0003'],
      'src/reader/strict-yaml.ts': ['adr-0003'],
    });
    expect(JSON.parse(readFileSync(path.join(out, 'schemas/governing.schema.json'), 'utf8')).title).toBe('Decision Packet /governing.json');
  });
});
