// Rule DP210: acceptance-criterion anchors are valid and unique, since reviews link to them.
import { describe, expect, it } from 'vitest';
import { validateFixture } from './helpers/fixtures.ts';

describe('criterion anchors (DP210)', () => {
  it('refuses two criteria with the same {#name}, at the second one', async () => {
    const result = await validateFixture('DP210-duplicate-anchor');
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP210', file: 'content/prds/alpha.md', line: 19 })]);
    expect(result.issues[0]!.message).toContain('line 18');
  });

  it('refuses a {#…} marker whose name could clash with a positional anchor', async () => {
    const result = await validateFixture('DP210-invalid-anchor-name');
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP210', file: 'content/prds/alpha.md', line: 19 })]);
  });

  it('accepts distinct named anchors', async () => {
    const result = await validateFixture('DP210-named-anchors-passes');
    expect(result.issues).toEqual([]);
  });
});
