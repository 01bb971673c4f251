// The contract's gate refusals (CONTRACT.md, "What the build refuses" 4, 5, 7, 8, 10, 11, 12),
// each through a whole validate() on its disk fixture: the secret worker, git verification and
// masking included. The gate tests judge the same fixtures, and their variants, in memory.
import { describe, expect, it } from 'vitest';
import { validateFixture } from './helpers/fixtures.ts';

const decision = 'content/decisions/alpha.yaml';
const validator = 'content/evidence/alpha-validator.yaml';

/** Contract refusal, fixture, and every issue it gives as `rule file:line field`. */
const refusals: [number, string, string[]][] = [
  [4, 'DP400-unadmitted-provider', [`DP400 ${decision}:8 provider`]],
  [4, 'DP401-external-provider-model', [`DP401 ${decision}:8 provider`, `DP401 ${decision}:9 model`]],
  [5, 'DP402-admission-mismatch', [`DP402 ${decision}:15 evidence_sources[0]`]],
  [7, 'DP500-short-commit', [`DP500 ${validator}:5 commit`]],
  [7, 'DP501-absolute-path', [`DP501 ${validator}:4 path`]],
  [7, 'DP501-dot-dot-path', [`DP501 ${validator}:4 path`]],
  [7, 'DP502-target-path-prefix', ['DP502 content/evidence/alpha-vendored.yaml:4 path']],
  [8, 'DP503-copied-keys', [`DP503 ${decision}:7 stdout`, 'DP503 content/evidence/alpha-build.yaml:6 build_log']],
  [10, 'DP700-local-adapter-not-blocked', ['DP700 content/work-items/ALPHA-2.yaml:2 status']],
  [11, 'DP701-stage2-not-blocked', ['DP701 content/work-items/ALPHA-3.yaml:2 status']],
  [11, 'DP702-authority-done', ['DP702 content/work-items/ALPHA-1.yaml:2 status']],
  [12, 'DP403-review-overdue', [`DP403 ${decision}:13 review_trigger`]],
];

describe('contract refusals through validate()', () => {
  it.each(refusals)('refusal %i: %s is refused', async (_refusal, fixture, expected) => {
    const result = await validateFixture(fixture);
    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => `${issue.ruleId} ${issue.file}:${issue.line} ${issue.field}`)).toEqual(expected);
  });
});
