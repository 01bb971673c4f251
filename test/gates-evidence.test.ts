// Gates over evidence references and repositories.yaml: target repositories (DP502), copied
// runtime evidence (DP503), verification results (DP504–DP507) and link templates (DP208).
import { describe, expect, it } from 'vitest';
import { validateFixture } from './helpers/fixtures.ts';
import type { EvidenceVerification, GateContext } from '../src/core/record-set.ts';
import { copiedEvidenceRule, looksCopied } from '../src/gates/copied-runtime-evidence.ts';
import { dp504, dp506 } from '../src/rules/dp504-evidence-verification.ts';

const evidenceVerificationFailedGate = dp504.check!;
const evidenceUnverifiedGate = dp506.check!;
import { sameRepositoryUrl } from '../src/gates/target-repository.ts';

describe('DP502 evidence never points into a target repository', () => {
  it('refuses evidence whose repository is a target repository id', async () => {
    const result = await validateFixture('DP502-target-repository-id');
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP502', file: 'content/evidence/alpha-target.yaml', line: 3, field: 'repository' })]);
  });

  it('refuses evidence whose path is inside a target path_prefix', async () => {
    const result = await validateFixture('DP502-target-path-prefix');
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP502', file: 'content/evidence/alpha-vendored.yaml', line: 4, field: 'path' })]);
    expect(result.issues[0]!.message).not.toContain('vendor/target');
  });

  it('refuses evidence whose repository URL is a target URL (ignoring case, .git and a trailing slash)', async () => {
    const result = await validateFixture('DP502-target-url');
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP502', file: 'content/evidence/alpha-mirror.yaml', line: 3, field: 'repository' })]);
  });

  it('accepts look-alikes: a sibling folder of the prefix, and a repository with a similar name', async () => {
    const result = await validateFixture('DP502-look-alike-passes');
    expect(result.issues).toEqual([]);
    expect(result.records.evidence.get('alpha-vendor-tools')?.data.path).toBe('vendor/target-tools/notes.md');
    expect(result.records.evidence.get('alpha-target-tools')?.data.repository).toBe('target-tools');
  });

  it('compares repository URLs by host and path only', () => {
    expect(sameRepositoryUrl('https://github.com/example/target', 'http://GitHub.com/example/target.git/')).toBe(true);
    expect(sameRepositoryUrl('https://github.com/example/target', 'https://github.com/example/target-tools')).toBe(false);
  });
});

describe('DP503 copied runtime evidence', () => {
  it('refuses unknown keys that carry logs or output, in evidence and decision records', async () => {
    const result = await validateFixture('DP503-copied-keys');
    expect(result.issues).toEqual([
      expect.objectContaining({ ruleId: 'DP503', file: 'content/decisions/alpha.yaml', line: 7, field: 'stdout' }),
      expect.objectContaining({ ruleId: 'DP503', file: 'content/evidence/alpha-build.yaml', line: 6, field: 'build_log' }),
    ]);
  });

  it('leaves other unknown keys, such as a path to a log, to the shape rule', async () => {
    const result = await validateFixture('DP503-unknown-reference-key');
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP206', file: 'content/evidence/alpha-build.yaml', line: 6, field: 'log_path' })]);
  });

  it('refuses pasted output: a multi-line review_trigger, a stack frame and terminal escapes in titles', async () => {
    const result = await validateFixture('DP503-pasted-output');
    expect(result.issues).toEqual([
      expect.objectContaining({ ruleId: 'DP503', file: 'content/decisions/alpha.yaml', line: 13, field: 'review_trigger' }),
      expect.objectContaining({ ruleId: 'DP503', file: 'content/evidence/alpha-colour.yaml', line: 1, field: 'title' }),
      expect.objectContaining({ ruleId: 'DP503', file: 'content/evidence/alpha-trace.yaml', line: 1, field: 'title' }),
    ]);
    expect(result.issues.every((issue) => !issue.message.includes('\u001b'))).toBe(true);
  });

  it('refuses a review_trigger condition of 301 characters', async () => {
    const result = await validateFixture('DP503-long-review-trigger');
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP503', file: 'content/decisions/alpha.yaml', line: 13, field: 'review_trigger' })]);
  });

  it('accepts a 300-character condition and a title that mentions a log', async () => {
    const result = await validateFixture('DP503-reference-text-passes');
    expect(result.issues).toEqual([]);
    const decision = result.records.decisions.get('alpha')?.data;
    expect(decision?.decision_status === 'local_provider_required' && String(decision.review_trigger).length).toBe(300);
  });

  it.each([
    ['content', true],
    ['contents', true],
    ['log', true],
    ['logs', true],
    ['stdout', true],
    ['stderr', true],
    ['output', true],
    ['report_body', true],
    ['build_log', true],
    ['rawOutput', true],
    ['work_items.excerpt', true],
    ['snippet', true],
    ['log_path', false],
    ['output_url', false],
    ['metadata', false],
    ['owner', false],
    ['result', false],
  ])('unknown key %s carries a copy: %s', (field, copied) => {
    expect(copiedEvidenceRule(field, 'unrecognized_keys')).toBe(copied);
  });

  it('only judges unknown keys', () => {
    expect(copiedEvidenceRule('log', 'invalid_type')).toBe(false);
  });

  it.each([
    ['one line\ntwo lines', true],
    ['\u001b[32mok\u001b[0m', true],
    ['Error: boom    at main (index.js:1:1)', true],
    ['>>> import case', true],
    ['Traceback (most recent call last): boom', true],
    ['x'.repeat(301), true],
    ['x'.repeat(300), false],
    ['Build log of the release, referenced at its commit', false],
  ])('text %j looks copied: %s', (text, copied) => {
    expect(looksCopied(text)).toBe(copied);
  });
});

describe('DP504–DP507 evidence verification', () => {
  it('DP506: refuses every evidence that was not verified, when verified evidence is required', async () => {
    const result = await validateFixture('DP506-unverified-evidence', { requireVerifiedEvidence: true });
    expect(result.issues).toEqual([
      expect.objectContaining({ ruleId: 'DP506', file: 'content/evidence/alpha-build.yaml', line: 5, field: 'commit' }),
      expect.objectContaining({ ruleId: 'DP506', file: 'content/evidence/alpha-validator.yaml', line: 5, field: 'commit' }),
    ]);
  });

  it('DP506: accepts unverified evidence when verification is not required', async () => {
    const result = await validateFixture('DP506-unverified-evidence', { requireVerifiedEvidence: false });
    expect(result.issues).toEqual([]);
    expect(result.records.evidence.size).toBe(2);
  });

  const context = (entries: [string, EvidenceVerification][], requireVerifiedEvidence: boolean): GateContext => ({
    today: '2026-11-24',
    verification: new Map(entries),
    requireVerifiedEvidence,
  });

  it('reports failed verifications on commit (DP504, DP507) and path (DP505), once each, not as DP506', async () => {
    const { records } = await validateFixture('DP506-unverified-evidence');
    const entries: [string, EvidenceVerification][] = [
      ['alpha-build', { status: 'failed', ruleId: 'DP505', message: 'The path does not exist at the commit.' }],
      ['alpha-validator', { status: 'failed', ruleId: 'DP504', message: 'The commit does not exist in the local clone.' }],
    ];
    const issues = [...evidenceVerificationFailedGate(records, context(entries, true)), ...evidenceUnverifiedGate(records, context(entries, true))];
    expect(issues).toEqual([
      expect.objectContaining({ ruleId: 'DP505', file: 'content/evidence/alpha-build.yaml', line: 4, field: 'path', message: 'The path does not exist at the commit.' }),
      expect.objectContaining({ ruleId: 'DP504', file: 'content/evidence/alpha-validator.yaml', line: 5, field: 'commit' }),
    ]);
  });

  it('reports DP507 on the commit even when verification is not required', async () => {
    const { records } = await validateFixture('DP506-unverified-evidence');
    const entries: [string, EvidenceVerification][] = [
      ['alpha-build', { status: 'verified', repository: 'product' }],
      ['alpha-validator', { status: 'failed', ruleId: 'DP507', message: 'The local clone cannot answer.' }],
    ];
    const issues = [...evidenceVerificationFailedGate(records, context(entries, false)), ...evidenceUnverifiedGate(records, context(entries, false))];
    expect(issues).toEqual([expect.objectContaining({ ruleId: 'DP507', file: 'content/evidence/alpha-validator.yaml', line: 5, field: 'commit' })]);
  });

  it('accepts verified evidence when verification is required, and treats a missing entry as unverified', async () => {
    const { records } = await validateFixture('DP506-unverified-evidence');
    const verified = context([['alpha-build', { status: 'verified', repository: 'product' }]], true);
    expect(evidenceVerificationFailedGate(records, verified)).toEqual([]);
    expect(evidenceUnverifiedGate(records, verified)).toEqual([
      expect.objectContaining({ ruleId: 'DP506', file: 'content/evidence/alpha-validator.yaml', line: 5, field: 'commit' }),
    ]);
  });
});

describe('DP208 link templates for other hosts', () => {
  it('refuses a repository on another host without both templates', async () => {
    const result = await validateFixture('DP208-link-templates-missing');
    expect(result.issues).toEqual([
      expect.objectContaining({ ruleId: 'DP208', file: 'content/repositories.yaml', line: 4, field: 'repositories[1].commit_url_template' }),
      expect.objectContaining({ ruleId: 'DP208', file: 'content/repositories.yaml', line: 6, field: 'repositories[2].file_url_template' }),
    ]);
  });

  it('accepts GitHub, a self-hosted GitLab without templates and another host with both templates', async () => {
    const result = await validateFixture('DP208-link-templates-passes');
    expect(result.issues).toEqual([]);
    expect(result.records.repositories?.data.repositories.map((repository) => repository.id)).toEqual(['product', 'self-hosted-gitlab', 'forge']);
  });
});
