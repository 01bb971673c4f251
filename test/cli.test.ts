// `npm run check`: exit codes and the three report formats.
import { describe, expect, it } from 'vitest';
import { makeContent } from './helpers/fixtures.ts';
import { runCli } from './helpers/run.ts';

const today = { PACKET_TODAY: '2026-11-24' };

describe('npm run check', () => {
  it('exits 0 on the shipped content', async () => {
    const result = await runCli('check', [], today);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('content is valid');
    expect(result.code).toBe(0);
  });

  it('exits 1 and prints <file>:<line>:<column>, rule and field for a decision_status typo', async () => {
    const content = makeContent('DP201-status-typo');
    const result = await runCli('check', [], { ...today, PACKET_CONTENT_DIR: content });
    expect(result.code).toBe(1);
    // The content folder is in no repository and outside the working directory: paths are shown
    // from the folder holding it, never as ../…
    expect(result.stderr.startsWith('content/decisions/alpha.yaml:3:18: DP201 decision-state: decision_status:')).toBe(true);
    expect(result.stderr).toContain('hint:');
  });

  it('prints GitHub annotations with file, line, column and rule', async () => {
    const content = makeContent('DP202-not-decided-names-provider');
    const result = await runCli('check', ['--format', 'github'], { ...today, PACKET_CONTENT_DIR: content });
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::error file=[^,]*decisions\/alpha\.yaml,line=7,col=1,title=DP202 state-forbidden-field::provider: /);
    expect(lines[1]).toMatch(/line=8,col=1,title=DP202 state-forbidden-field::model: /);
  });

  it('prints a JSON array with file, line, column, field and rule', async () => {
    const content = makeContent('DP203-branch-field-missing');
    const result = await runCli('check', ['--format=json'], { ...today, PACKET_CONTENT_DIR: content });
    expect(result.code).toBe(1);
    const issues = JSON.parse(result.stdout);
    expect(issues).toEqual([
      expect.objectContaining({ rule: 'DP203', name: 'state-field-missing', field: 'approval_source', line: 3, column: 18 }),
    ]);
    expect(issues[0].file).toMatch(/content\/decisions\/alpha\.yaml$/);
  });

  it('reads --content like PACKET_CONTENT_DIR', async () => {
    const content = makeContent('DP207-work-item-status');
    const result = await runCli('check', ['--content', content, '--format', 'json'], today);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)[0].rule).toBe('DP207');
  });

  it('exits 2 on a usage error', async () => {
    const result = await runCli('check', ['--format', 'xml'], today);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--format must be one of pretty, json, github');
  });

  it('exits 2 on an invalid PACKET_TODAY', async () => {
    const result = await runCli('check', [], { PACKET_TODAY: '2026-13-01' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PACKET_TODAY must be a date');
  });
});
