// Evidence commit ids and paths (contract refusal 7): full lowercase object ids, and relative
// POSIX paths that stay inside their repository. Each case writes the commit or path line of the
// seed base's evidence in memory; DP500-short-commit, DP501-absolute-path and DP501-dot-dot-path
// stay on disk for the end-to-end refusals (test/refusals-end-to-end.test.ts).
import { describe, expect, it } from 'vitest';
import { expectIssues, fixtureInput, records, seedBase } from './helpers/record-set.ts';

const file = 'content/evidence/alpha-validator.yaml';
const sha1 = '"0123456789abcdef0123456789abcdef01234567"';

/** The base's evidence with its path (line 4) and commit (line 5) as written in YAML. */
const validator = (pathLine: string, commitLine = sha1) =>
  records(seedBase, {
    evidence: {
      'alpha-validator': `title: Alpha validator\nkind: validator\nrepository: product\npath: ${pathLine}\ncommit: ${commitLine}\n`,
    },
  });

describe('evidence commit ids (DP500)', () => {
  it.each([
    ['a short id (disk fixture)', records(seedBase, fixtureInput('DP500-short-commit'))],
    ['an uppercase id', validator('tools/validate.py', '"0123456789ABCDEF0123456789ABCDEF01234567"')],
    ['an unquoted all-digit id (a YAML number)', validator('tools/validate.py', '1234567890123456789012345678901234567890')],
  ])('%s is refused at the commit field', (_name, built) => {
    expectIssues(built, [{ rule: 'DP500', file, line: 5, field: 'commit' }]);
  });

  it('accepts a full 64-hex (SHA-256) commit id', () => {
    const built = validator('tools/validate.py', `"${'0123456789abcdef'.repeat(4)}"`);
    expectIssues(built, []);
    expect(built.records.evidence.get('alpha-validator')?.data.commit).toHaveLength(64);
  });
});

describe('evidence paths (DP501)', () => {
  it.each([
    ['an absolute path (disk fixture)', records(seedBase, fixtureInput('DP501-absolute-path'))],
    ['a ".." segment (disk fixture)', records(seedBase, fixtureInput('DP501-dot-dot-path'))],
    ['a path into .git', validator('.git/config')],
    ['a backslash', validator('"tools\\\\validate.py"')],
    ['a percent-encoded ".."', validator('tools/%2e%2e/validate.py')],
    ['a control character', validator('"tools/validate.py\\u0007"')],
  ])('%s is refused at the path field', (_name, built) => {
    expectIssues(built, [{ rule: 'DP501', file, line: 4, field: 'path' }]);
  });

  it('accepts dots inside names (.github, "check..yml")', () => {
    expectIssues(validator('.github/workflows/check..yml'), []);
  });
});
