// Evidence commit ids and paths (contract refusal 7): full lowercase object ids, and relative
// POSIX paths that stay inside their repository.
import { describe, expect, it } from 'vitest';
import { validateFixture } from './helpers/fixtures.ts';

const file = 'content/evidence/alpha-validator.yaml';

describe('evidence commit ids (DP500)', () => {
  it.each(['DP500-short-commit', 'DP500-uppercase-commit', 'DP500-unquoted-digits-commit'])('%s is refused at the commit field', async (fixture) => {
    const result = await validateFixture(fixture);
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP500', file, line: 5, field: 'commit' })]);
  });

  it('accepts a full 64-hex (SHA-256) commit id', async () => {
    const result = await validateFixture('DP500-sha256-commit-passes');
    expect(result.issues).toEqual([]);
    expect(result.records.evidence.get('alpha-validator')?.data.commit).toHaveLength(64);
  });
});

describe('evidence paths (DP501)', () => {
  it.each([
    'DP501-absolute-path',
    'DP501-dot-dot-path',
    'DP501-git-dir-path',
    'DP501-backslash-path',
    'DP501-percent-encoded-path',
    'DP501-control-character-path',
  ])('%s is refused at the path field', async (fixture) => {
    const result = await validateFixture(fixture);
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP501', file, line: 4, field: 'path' })]);
  });

  it('accepts dots inside names (.github, "check..yml")', async () => {
    const result = await validateFixture('DP501-dotted-name-passes');
    expect(result.issues).toEqual([]);
  });
});
