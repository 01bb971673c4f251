// Reader, schema and reference rules (contract refusals 1, 2, 3, 6 and 13): one fixture folder
// per failure, each asserting rule id, file, line and field.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeContent, validateFixture } from './helpers/fixtures.ts';
import { validate } from '../src/validate/validate.ts';

type Expected = { ruleId: string; file: string; line?: number; field?: string };

const failing: [fixture: string, expected: Expected[]][] = [
  ['DP101-hidden-file', [{ ruleId: 'DP101', file: 'content/decisions/.draft.yaml' }]],
  ['DP101-unknown-folder', [{ ruleId: 'DP101', file: 'content/notes' }]],
  ['DP101-yml-extension', [{ ruleId: 'DP101', file: 'content/work-items/ALPHA-9.yml' }]],
  ['DP104-yaml-syntax', [{ ruleId: 'DP104', file: 'content/work-items/ALPHA-2.yaml', line: 2 }, { ruleId: 'DP104', file: 'content/work-items/ALPHA-2.yaml', line: 2 }]],
  ['DP104-json-syntax', [{ ruleId: 'DP104', file: 'content/decisions/beta.json', line: 6 }]],
  ['DP105-duplicate-key', [{ ruleId: 'DP105', file: 'content/decisions/alpha.yaml', line: 4, field: 'decision_status' }]],
  ['DP106-alias', [{ ruleId: 'DP106', file: 'content/decisions/alpha.yaml', line: 1, field: 'prd' }, { ruleId: 'DP106', file: 'content/decisions/alpha.yaml', line: 5, field: 'work_items.local_adapter' }]],
  ['DP106-tag', [{ ruleId: 'DP106', file: 'content/work-items/ALPHA-2.yaml', line: 1, field: 'title' }]],
  ['DP106-merge-key', [{ ruleId: 'DP106', file: 'content/decisions/alpha.yaml', line: 5, field: 'work_items."<<"' }]],
  ['DP106-two-documents', [{ ruleId: 'DP106', file: 'content/work-items/ALPHA-2.yaml', line: 3 }]],
  ['DP106-directive', [{ ruleId: 'DP106', file: 'content/work-items/ALPHA-2.yaml', line: 1 }]],
  ['DP107-frontmatter-missing', [{ ruleId: 'DP107', file: 'content/prds/alpha.md', line: 1 }]],
  ['DP108-invalid-id', [{ ruleId: 'DP108', file: 'content/work-items/-ALPHA-4.yaml' }]],
  ['DP109-duplicate-id', [{ ruleId: 'DP109', file: 'content/decisions/alpha.yaml', line: 1 }]],
  ['DP109-duplicate-id-case', [{ ruleId: 'DP109', file: 'content/work-items/alpha-1.yaml', line: 1 }]],
  ['DP200-prd-status', [{ ruleId: 'DP200', file: 'content/prds/alpha.md', line: 3, field: 'status' }]],
  ['DP200-prd-unknown-field', [{ ruleId: 'DP200', file: 'content/prds/alpha.md', line: 10, field: 'slug' }]],
  ['DP200-prd-invalid-date', [{ ruleId: 'DP200', file: 'content/prds/alpha.md', line: 6, field: 'created' }]],
  ['DP201-status-typo', [{ ruleId: 'DP201', file: 'content/decisions/alpha.yaml', line: 3, field: 'decision_status' }]],
  ['DP201-status-missing', [{ ruleId: 'DP201', file: 'content/decisions/alpha.yaml', line: 1, field: 'decision_status' }]],
  ['DP202-not-decided-names-provider', [{ ruleId: 'DP202', file: 'content/decisions/alpha.yaml', line: 7, field: 'provider' }, { ruleId: 'DP202', file: 'content/decisions/alpha.yaml', line: 8, field: 'model' }]],
  ['DP203-branch-field-missing', [{ ruleId: 'DP203', file: 'content/decisions/alpha.yaml', line: 3, field: 'approval_source' }]],
  ['DP204-wrong-provider-class', [{ ruleId: 'DP204', file: 'content/decisions/alpha.yaml', line: 7, field: 'provider_class' }]],
  ['DP204-wrong-effect', [{ ruleId: 'DP204', file: 'content/decisions/alpha.yaml', line: 16, field: 'effect' }]],
  ['DP205-unknown-key', [{ ruleId: 'DP205', file: 'content/decisions/alpha.yaml', line: 7, field: 'notes' }]],
  ['DP205-wrong-type', [{ ruleId: 'DP205', file: 'content/decisions/alpha.yaml', line: 2, field: 'work_item' }]],
  ['DP206-evidence-kind', [{ ruleId: 'DP206', file: 'content/evidence/alpha-validator.yaml', line: 2, field: 'kind' }]],
  // A field the evidence kind requires and the record lacks: at the kind field that requires it, not 1:1.
  ['DP206-evidence-field-missing', [{ ruleId: 'DP206', file: 'content/evidence/alpha-stage2.yaml', line: 2, field: 'result' }]],
  ['DP207-work-item-status', [{ ruleId: 'DP207', file: 'content/work-items/ALPHA-2.yaml', line: 2, field: 'status' }]],
  ['DP208-repositories-url', [{ ruleId: 'DP208', file: 'content/repositories.yaml', line: 3, field: 'repositories[0].url' }]],
  ['DP209-reviewed-before-created', [{ ruleId: 'DP209', file: 'content/prds/alpha.md', line: 7, field: 'last_reviewed' }]],
  ['DP300-unknown-evidence', [{ ruleId: 'DP300', file: 'content/decisions/alpha.yaml', line: 16, field: 'evidence_sources[1]' }]],
  ['DP301-unknown-prd', [{ ruleId: 'DP301', file: 'content/decisions/alpha.yaml', line: 1, field: 'prd' }]],
  ['DP302-unknown-work-item', [{ ruleId: 'DP302', file: 'content/decisions/alpha.yaml', line: 6, field: 'work_items.stage2' }]],
  ['DP303-unknown-repository', [{ ruleId: 'DP303', file: 'content/evidence/alpha-validator.yaml', line: 3, field: 'repository' }]],
  ['DP304-unknown-packet', [{ ruleId: 'DP304', file: 'content/evidence/alpha-validator.yaml', line: 6, field: 'packets[1]' }]],
];

describe('content that breaks a reader, schema or reference rule', () => {
  it.each(failing)('%s is refused with rule, file, line and field', async (fixture, expected) => {
    const result = await validateFixture(fixture);
    expect(result.ok).toBe(false);
    expect(result.issues).toHaveLength(expected.length);
    expected.forEach((want, index) => {
      const issue = result.issues[index]!;
      expect(issue.ruleId).toBe(want.ruleId);
      expect(issue.file).toBe(want.file);
      expect(issue.line).toBe(want.line);
      expect(issue.field).toBe(want.field);
      expect(issue.message.length).toBeGreaterThan(10);
      expect(issue.hint.length).toBeGreaterThan(10);
    });
  });
});

describe('look-alikes that are valid', () => {
  it.each(['valid-branch-a', 'valid-json-decision', 'valid-crlf-bom'])('%s passes', async (fixture) => {
    const result = await validateFixture(fixture);
    expect(result.issues).toEqual([]);
    expect(result.records.decisions.size).toBeGreaterThan(0);
  });

  it('keeps dates and commit ids as exact strings', async () => {
    const result = await validateFixture();
    expect(result.records.prds.get('alpha')?.data.created).toBe('2026-05-31');
    expect(result.records.evidence.get('alpha-validator')?.data.commit).toBe('0123456789abcdef0123456789abcdef01234567');
  });
});

describe('files the reader refuses', () => {
  it('refuses a content folder that does not exist (DP100)', async () => {
    const result = await validate({ contentDir: '/nonexistent/decision-packet-content', cwd: '/', env: {}, today: '2026-11-24' });
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP100', file: 'nonexistent/decision-packet-content' })]);
  });

  it('refuses an empty content folder (DP100)', async () => {
    const content = makeContent(undefined, { withoutBase: true });
    mkdirSync(content, { recursive: true });
    const result = await validate({ contentDir: content, cwd: path.dirname(content), env: {}, today: '2026-11-24' });
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP100', file: 'content' })]);
  });

  it('refuses a symbolic link that leaves the content folder (DP102)', async () => {
    const content = makeContent();
    const outside = path.join(path.dirname(content), 'outside.yaml');
    writeFileSync(outside, 'title: Outside\nstatus: done\n');
    symlinkSync(outside, path.join(content, 'work-items', 'ALPHA-5.yaml'));
    const result = await validate({ contentDir: content, cwd: path.dirname(content), env: {}, today: '2026-11-24' });
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP102', file: 'content/work-items/ALPHA-5.yaml' })]);
  });

  it('follows a symbolic link that stays inside the content folder', async () => {
    const content = makeContent();
    symlinkSync(path.join(content, 'work-items', 'ALPHA-2.yaml'), path.join(content, 'work-items', 'ALPHA-6.yaml'));
    const result = await validate({ contentDir: content, cwd: path.dirname(content), env: {}, today: '2026-11-24' });
    expect(result.issues).toEqual([]);
    expect(result.records.workItems.get('ALPHA-6')?.data.title).toBe('Alpha local adapter');
  });

  it('refuses a file that is not UTF-8 (DP103) at the first bad byte', async () => {
    const content = makeContent();
    writeFileSync(path.join(content, 'work-items', 'ALPHA-2.yaml'), Buffer.concat([Buffer.from('title: Caf'), Buffer.from([0xe9]), Buffer.from('\nstatus: blocked\n')]));
    const result = await validate({ contentDir: content, cwd: path.dirname(content), env: {}, today: '2026-11-24' });
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP103', file: 'content/work-items/ALPHA-2.yaml', line: 1, column: 11 })]);
  });

  it('refuses a file holding a NUL byte (DP103)', async () => {
    const content = makeContent();
    writeFileSync(path.join(content, 'work-items', 'ALPHA-2.yaml'), 'title: A\nstatus: blocked\u0000\n');
    const result = await validate({ contentDir: content, cwd: path.dirname(content), env: {}, today: '2026-11-24' });
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP103', line: 2 })]);
  });

  it('reports every problem of a run, not only the first, sorted by file and line', async () => {
    const content = makeContent('DP201-status-typo');
    writeFileSync(path.join(content, 'work-items', 'ALPHA-2.yaml'), 'title: A\nstatus: started\n');
    writeFileSync(path.join(content, '.hidden'), 'x');
    const result = await validate({ contentDir: content, cwd: path.dirname(content), env: {}, today: '2026-11-24' });
    expect(result.issues.map((issue) => [issue.file, issue.ruleId])).toEqual([
      ['content/.hidden', 'DP101'],
      ['content/decisions/alpha.yaml', 'DP201'],
      ['content/work-items/ALPHA-2.yaml', 'DP207'],
    ]);
  });
});

describe('a line is one line', () => {
  // Every Unicode line break, written as a YAML escape so the file itself stays one line per field.
  const breaks: [string, string][] = [
    ['LF', '\\n'],
    ['CR', '\\r'],
    ['VT', '\\v'],
    ['FF', '\\f'],
    ['NEL', '\\N'],
    ['U+2028', '\\L'],
    ['U+2029', '\\P'],
  ];

  it.each(breaks)('refuses a %s inside a work item title and a decision line field, at the field', async (_name, escape) => {
    const content = makeContent('DP403-review-overdue');
    writeFileSync(path.join(content, 'work-items', 'ALPHA-2.yaml'), `title: "Alpha${escape}local adapter"\nstatus: blocked\n`);
    const decision = path.join(content, 'decisions', 'alpha.yaml');
    const text = readFileSync(decision, 'utf8');
    expect(text).toMatch(/^approval_source: .+$/m);
    writeFileSync(decision, text.replace(/^approval_source: .+$/m, `approval_source: "CTO review${escape}minutes"`));
    const result = await validate({ contentDir: content, cwd: path.dirname(content), env: {}, today: '2026-11-01' });
    expect(result.issues).toEqual([
      expect.objectContaining({ ruleId: 'DP204', file: 'content/decisions/alpha.yaml', line: 10, field: 'approval_source', message: expect.stringContaining('line') }),
      expect.objectContaining({ ruleId: 'DP207', file: 'content/work-items/ALPHA-2.yaml', line: 1, field: 'title' }),
    ]);
  });
});
