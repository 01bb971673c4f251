// Evidence commit ids and paths (contract refusal 7): full lowercase object ids, and relative
// POSIX paths that stay inside their repository.
import { describe, expect, it } from 'vitest';
import { expectIssues, fixtureInput, records, seedBase } from './helpers/record-set.ts';

// A disk fixture laid over the seed's base, read in memory (no secret worker, no git).
const fixture = (name: string) => records(seedBase, fixtureInput(name));

const file = 'content/evidence/alpha-validator.yaml';

describe('evidence commit ids (DP500)', () => {
  it.each(['DP500-short-commit', 'DP500-uppercase-commit', 'DP500-unquoted-digits-commit'])('%s is refused at the commit field', (name) => {
    const result = fixture(name);
    expectIssues(result, [{ rule: 'DP500', file, line: 5, field: 'commit' }]);
  });

  it('accepts a full 64-hex (SHA-256) commit id', () => {
    const result = fixture('DP500-sha256-commit-passes');
    expectIssues(result, []);
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
  ])('%s is refused at the path field', (name) => {
    const result = fixture(name);
    expectIssues(result, [{ rule: 'DP501', file, line: 4, field: 'path' }]);
  });

  it('accepts dots inside names (.github, "check..yml")', () => {
    const result = fixture('DP501-dotted-name-passes');
    expectIssues(result, []);
  });
});
