// `decision-packet import adr <dir>` on a corpus of the ADR shapes in use (test/fixtures/adr-corpus:
// adr-tools with "Superseded by", MADR 2, 3 and 4, log4brains, a file with no status, a status the
// kind does not know, relative links between ADRs): what it writes passes `check` but for the two
// records it reports, the originals stay untouched, it never overwrites, and it stays bounded on
// hostile folders. One build of the corpus shows the supersession links and rewritten links resolve.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validate } from '../src/validate/validate.ts';
import { fixturesDir, projectRoot } from './helpers/fixtures.ts';
import { pageText } from './helpers/page-text.ts';
import { makeBuildDir, runCli, runProcess, type RunResult } from './helpers/run.ts';

const corpus = path.join(fixturesDir, 'adr-corpus');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function scratchDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'decision-packet-import-'));
  made.push(dir);
  return dir;
}

function importAdr(args: string[], cwd: string): Promise<RunResult> {
  return runProcess(process.execPath, [path.join(projectRoot, 'bin/decision-packet.js'), 'import', ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
}

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).map((name) => [
      name,
      createHash('sha256')
        .update(readFileSync(path.join(dir, name)))
        .digest('hex'),
    ]),
  );
}

/** A record's frontmatter and body. */
function record(content: string, id: string): { data: Record<string, unknown>; body: string } {
  const text = readFileSync(path.join(content, 'decisions', `${id}.md`), 'utf8');
  const [, frontmatter, ...body] = text.split(/^---$/m);
  return { data: parse(frontmatter!) as Record<string, unknown>, body: body.join('---') };
}

const check = (content: string) => validate({ contentDir: content, cwd: path.dirname(content), today: '2026-11-24', env: {} });

describe('import adr on the corpus', () => {
  let dir: string;
  let content: string;
  let imported: RunResult;
  const before = hashes(corpus);

  beforeAll(async () => {
    dir = scratchDir();
    content = path.join(dir, 'content');
    imported = await importAdr(['adr', corpus, '--content', 'content'], dir);
  });

  it('reports what it could not map with file:line and exits 1; the originals are untouched', () => {
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(1);
    const shown = path.relative(dir, corpus).split(path.sep).join('/');
    const errors = imported.stdout.split('\n').filter((line) => line.includes(': error: '));
    expect(errors).toEqual([
      `${shown}/0006-choose-a-feature-flag-service.md:1: error: No status found: the record has none (check requires one of proposed, accepted, rejected, deprecated, superseded).`,
      expect.stringMatching(
        new RegExp(`^${shown}/20240610-cache-sessions-in-redis\\.md:3: error: The status is none of the kind's states`),
      ),
    ]);
    expect(imported.stdout).toContain(
      `${shown}/0003-use-markdown-architectural-decision-records.md:4: note: deciders was one comma-separated text`,
    );
    expect(imported.stdout).toContain(
      `${shown}/0007-expose-events-as-cloudevents.md:16: note: A relative link to a file that is not an imported ADR`,
    );
    // adr-tools: a "Supersedes" its target's file does not confirm, and an "Amended by", stay in the body.
    expect(imported.stdout).toContain(`${shown}/0009-deploy-with-helm-charts.md:11: note: Supersedes an ADR whose own file does not say`);
    expect(imported.stdout).toContain(`${shown}/0009-deploy-with-helm-charts.md:13: note: A link to another ADR that no field holds`);
    expect(imported.stdout).toContain('Imported 11 ADRs and the kind content/kinds/adr.yaml.');
    expect(hashes(corpus)).toEqual(before);
  });

  it('writes records that pass check, but for the two it reported', async () => {
    expect(readdirSync(path.join(content, 'decisions'))).not.toContain('README.md');
    expect(readdirSync(path.join(content, 'decisions'))).not.toContain('template.md');
    const result = await check(content);
    expect(result.issues.map((issue) => [issue.ruleId, issue.file, issue.field])).toEqual([
      ['DP201', 'content/decisions/0006-choose-a-feature-flag-service.md', 'status'],
      ['DP201', 'content/decisions/20240610-cache-sessions-in-redis.md', 'status'],
    ]);
  });

  it('maps title, date, status and people of each shape, and Superseded-by to superseded_by (one side only)', () => {
    expect(record(content, '0001-record-architecture-decisions').data).toEqual({
      kind: 'adr',
      title: '1. Record architecture decisions',
      status: 'accepted',
      date: '2024-01-15',
    });
    expect(record(content, '0002-use-mysql-for-persistence').data).toMatchObject({
      status: 'superseded',
      superseded_by: '0004-use-postgresql-for-persistence',
    });
    expect(record(content, '0008-deploy-with-shell-scripts').data).toMatchObject({
      status: 'superseded',
      date: '2024-07-01',
      superseded_by: '0009-deploy-with-helm-charts',
    });
    expect(record(content, '0009-deploy-with-helm-charts').data).toEqual({
      kind: 'adr',
      title: '9. Deploy with Helm charts',
      status: 'accepted',
      date: '2024-08-12',
    });
    expect(record(content, '0003-use-markdown-architectural-decision-records').data).toMatchObject({
      title: 'Use Markdown Architectural Decision Records',
      status: 'accepted',
      deciders: ['Oliver Kopp', 'Olaf Zimmermann'],
      date: '2024-02-10',
    });
    expect(record(content, '0004-use-postgresql-for-persistence').data).toEqual({
      kind: 'adr',
      title: 'Use PostgreSQL for persistence',
      status: 'accepted',
      date: '2024-03-05',
      deciders: ['Ada Lovelace', 'Lin Chen'],
      consulted: ['Database guild'],
      informed: ['Platform team', 'Support'],
    });
    // MADR 4: decision-makers, and "superseded by ADR-0007" resolved by its number.
    expect(record(content, '0005-expose-events-over-kafka').data).toMatchObject({
      status: 'superseded',
      deciders: ['Ada Lovelace'],
      superseded_by: '0007-expose-events-as-cloudevents',
    });
    expect(record(content, '20240601-use-log4brains-to-manage-the-adrs').data).toMatchObject({
      status: 'accepted',
      deciders: ['Thomas Vaillant'],
      date: '2024-06-01',
    });
    // A status check refuses is written as found, with what else the file says.
    expect(record(content, '20240610-cache-sessions-in-redis').data).toMatchObject({
      status: 'draft',
      date: '2024-06-10',
      deciders: ['Thomas Vaillant'],
    });
    expect(record(content, '0006-choose-a-feature-flag-service').data).not.toHaveProperty('status');
  });

  it('keeps each body and points relative links between ADRs at their packet pages', () => {
    const madr2 = record(content, '0003-use-markdown-architectural-decision-records').body;
    expect(madr2).toContain('[the first ADR](../0001-record-architecture-decisions/). Which format');
    expect(madr2).toContain('* Status: accepted');
    expect(record(content, '0004-use-postgresql-for-persistence').body).toContain('([ADR 2](../0002-use-mysql-for-persistence/#decision))');
    const cloudEvents = record(content, '0007-expose-events-as-cloudevents').body;
    expect(cloudEvents).toContain('[ADR 5](../0005-expose-events-over-kafka/)');
    expect(cloudEvents).toContain('[project README](../../README.md)');
    const original = readFileSync(path.join(corpus, '0001-record-architecture-decisions.md'), 'utf8');
    expect(record(content, '0001-record-architecture-decisions').body.trimStart()).toBe(original);
  });

  it('never overwrites: a second import is refused before anything is written (exit 2)', async () => {
    const decisions = path.join(content, 'decisions');
    const written = hashes(decisions);
    const again = await importAdr(['adr', corpus, '--content', 'content'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('import never overwrites one; nothing was written');
    expect(hashes(decisions)).toEqual(written);
  });

  it('builds a site whose supersession links and rewritten links resolve', async () => {
    const site = path.join(scratchDir(), 'content');
    cpSync(content, site, { recursive: true });
    for (const id of ['0006-choose-a-feature-flag-service', '20240610-cache-sessions-in-redis']) {
      const file = path.join(site, 'decisions', `${id}.md`);
      const text = readFileSync(file, 'utf8').replace(/^status: draft\n/m, '');
      writeFileSync(file, text.replace(/^(title: .*)$/m, '$1\nstatus: proposed'));
    }
    const out = path.join(makeBuildDir('import'), 'dist');
    made.push(path.dirname(out));
    const build = await runCli('build', [], {
      PACKET_TODAY: '2026-11-24',
      PACKET_CONTENT_DIR: site,
      PACKET_OUT_DIR: out,
      PACKET_CACHE_DIR: path.join(path.dirname(out), 'cache'),
    });
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    const page = (id: string) => readFileSync(path.join(out, 'packets', id, 'index.html'), 'utf8');
    expect(page('0002-use-mysql-for-persistence')).toContain('href="/packets/0004-use-postgresql-for-persistence/"');
    expect(pageText(page('0004-use-postgresql-for-persistence'))).toContain('Supersedes: 0002-use-mysql-for-persistence');
    expect(pageText(page('0007-expose-events-as-cloudevents'))).toContain('Supersedes: 0005-expose-events-over-kafka');
    expect(pageText(page('0009-deploy-with-helm-charts'))).toContain('Supersedes: 0008-deploy-with-shell-scripts');
    // A rewritten body link, resolved against its page's URL, names a page that exists.
    const body = page('0003-use-markdown-architectural-decision-records');
    const href = /href="(\.\.\/0001-record-architecture-decisions\/)"/.exec(body)?.[1];
    expect(href).toBeDefined();
    const resolved = new URL(href!, 'https://site.example/packets/0003-use-markdown-architectural-decision-records/').pathname;
    expect(existsSync(path.join(out, resolved, 'index.html'))).toBe(true);
  }, 300_000);
});

describe('import adr on hostile or unusable input', () => {
  it('follows no symbolic link, refuses an oversized file, an unclosed or deeply nested frontmatter, imports the rest', async () => {
    const dir = scratchDir();
    const adrs = path.join(dir, 'adrs');
    mkdirSync(adrs);
    writeFileSync(path.join(dir, 'outside.md'), '# Outside\n\n## Status\n\nAccepted\n');
    symlinkSync(path.join(dir, 'outside.md'), path.join(adrs, '0001-link.md'));
    writeFileSync(path.join(adrs, '0002-huge.md'), `# Huge\n\n${'word '.repeat(200_000)}\n`);
    writeFileSync(path.join(adrs, '0003-open.md'), '---\nstatus: accepted\n# Open\n');
    writeFileSync(path.join(adrs, '0005-deep.md'), `---\nstatus: ${'['.repeat(100)}\n---\n# Deep\n`);
    writeFileSync(path.join(adrs, '0004-fine.md'), '# 4. Fine\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n');
    const result = await importAdr(['adr', 'adrs'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('adrs/0001-link.md:1: error: A symbolic link: not followed, not imported.');
    expect(result.stdout).toContain('adrs/0002-huge.md:1: error: Larger than 512 KiB: not imported.');
    expect(result.stdout).toContain('adrs/0003-open.md:1: error: The frontmatter has no closing "---": not imported.');
    expect(result.stdout).toMatch(/^adrs\/0005-deep\.md:2: error: .+ Not imported\.$/m);
    expect(readdirSync(path.join(dir, 'content/decisions'))).toEqual(['0004-fine.md']);
    expect((await check(path.join(dir, 'content'))).issues).toEqual([]);
  });

  it('exits 2 on usage errors: no folder, another format, a missing argument', async () => {
    const dir = scratchDir();
    const missing = await importAdr(['adr', 'no-such-folder'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No folder no-such-folder.');
    expect((await importAdr(['rfc', '.'], dir)).code).toBe(2);
    expect((await importAdr(['adr'], dir)).code).toBe(2);
    expect(existsSync(path.join(dir, 'content'))).toBe(false);
  });
});
