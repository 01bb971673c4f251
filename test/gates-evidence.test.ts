// Gates over evidence references and repositories.yaml: target repositories (DP502), copied
// runtime evidence (DP503), verification results (DP504–DP507) and link templates (DP208).
import { describe, expect, it } from 'vitest';
import { expectIssues, fixtureInput, records, seedBase } from './helpers/record-set.ts';
import type { EvidenceVerification } from '../src/core/record-set.ts';
import { copiedEvidenceRule, looksCopied } from '../src/gates/copied-runtime-evidence.ts';
import { sameRepositoryUrl } from '../src/gates/target-repository.ts';

// A disk fixture laid over the seed's base, read in memory (no secret worker, no git).
const fixture = (name: string) => records(seedBase, fixtureInput(name));

/** An evidence reference of the seed's base: title, kind, repository (line 3), path, commit, then `extra`. */
const evidence = (kind: string, extra: Record<string, string>) => ({
  title: 'Evidence for the alpha packet',
  kind,
  repository: 'product',
  path: 'tools/validate.py',
  commit: '0123456789abcdef0123456789abcdef01234567',
  ...extra,
});
/** repositories.yaml with these repositories and the base's target repository. */
const withTarget = (repositories: Record<string, string>[]) => ({
  repositories,
  target_repositories: [{ id: 'target', url: 'https://github.com/example/target', path_prefix: 'vendor/target' }],
});

describe('DP502 evidence never points into a target repository', () => {
  it('refuses evidence whose repository is a target repository id', () => {
    const result = records(seedBase, { evidence: { 'alpha-target': evidence('validator', { repository: 'target' }) } });
    expectIssues(result, [{ rule: 'DP502', file: 'content/evidence/alpha-target.yaml', line: 3, field: 'repository' }]);
  });

  it('refuses evidence whose path is inside a target path_prefix', () => {
    const result = fixture('DP502-target-path-prefix');
    const issues = expectIssues(result, [{ rule: 'DP502', file: 'content/evidence/alpha-vendored.yaml', line: 4, field: 'path' }]);
    expect(issues[0]!.message).not.toContain('vendor/target');
  });

  it('refuses evidence whose repository URL is a target URL (ignoring case, .git and a trailing slash)', () => {
    const result = fixture('DP502-target-url');
    expectIssues(result, [{ rule: 'DP502', file: 'content/evidence/alpha-mirror.yaml', line: 3, field: 'repository' }]);
  });

  it('accepts look-alikes: a sibling folder of the prefix, and a repository with a similar name', () => {
    const result = fixture('DP502-look-alike-passes');
    expectIssues(result, []);
    expect(result.records.evidence.get('alpha-vendor-tools')?.data.path).toBe('vendor/target-tools/notes.md');
    expect(result.records.evidence.get('alpha-target-tools')?.data.repository).toBe('target-tools');
  });

  it('compares repository URLs by host and path only', () => {
    expect(sameRepositoryUrl('https://github.com/example/target', 'http://GitHub.com/example/target.git/')).toBe(true);
    expect(sameRepositoryUrl('https://github.com/example/target', 'https://github.com/example/target-tools')).toBe(false);
  });
});

describe('DP503 copied runtime evidence', () => {
  it('refuses unknown keys that carry logs or output, in evidence and decision records', () => {
    const result = fixture('DP503-copied-keys');
    expectIssues(result, [
      { rule: 'DP503', file: 'content/decisions/alpha.yaml', line: 7, field: 'stdout' },
      { rule: 'DP503', file: 'content/evidence/alpha-build.yaml', line: 6, field: 'build_log' },
    ]);
  });

  it('leaves other unknown keys, such as a path to a log, to the shape rule', () => {
    const result = records(seedBase, { evidence: { 'alpha-build': evidence('build', { log_path: 'ci/logs/build.txt' }) } });
    expectIssues(result, [{ rule: 'DP206', file: 'content/evidence/alpha-build.yaml', line: 6, field: 'log_path' }]);
  });

  it('refuses pasted output: a multi-line review_trigger, a stack frame and terminal escapes in titles', () => {
    const result = fixture('DP503-pasted-output');
    const issues = expectIssues(result, [
      { rule: 'DP503', file: 'content/decisions/alpha.yaml', line: 13, field: 'review_trigger' },
      { rule: 'DP503', file: 'content/evidence/alpha-colour.yaml', line: 1, field: 'title' },
      { rule: 'DP503', file: 'content/evidence/alpha-trace.yaml', line: 1, field: 'title' },
    ]);
    expect(issues.every((issue) => !issue.message.includes('\u001b'))).toBe(true);
  });

  it('refuses a review_trigger condition of 301 characters', () => {
    const result = fixture('DP503-long-review-trigger');
    expectIssues(result, [{ rule: 'DP503', file: 'content/decisions/alpha.yaml', line: 13, field: 'review_trigger' }]);
  });

  it('accepts a 300-character condition and a title that mentions a log', () => {
    const result = fixture('DP503-reference-text-passes');
    expectIssues(result, []);
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
  it('DP506: refuses every evidence that was not verified, when verified evidence is required', () => {
    const result = fixture('DP506-unverified-evidence');
    expectIssues(
      result,
      [
        { rule: 'DP506', file: 'content/evidence/alpha-build.yaml', line: 5, field: 'commit' },
        { rule: 'DP506', file: 'content/evidence/alpha-validator.yaml', line: 5, field: 'commit' },
      ],
      { requireVerifiedEvidence: true },
    );
  });

  it('DP506: accepts unverified evidence when verification is not required', () => {
    const result = fixture('DP506-unverified-evidence');
    expectIssues(result, [], { requireVerifiedEvidence: false });
    expect(result.records.evidence.size).toBe(2);
  });

  const verification = (entries: [string, EvidenceVerification][]) => new Map(entries);

  it('reports failed verifications on commit (DP504, DP507) and path (DP505), once each, not as DP506', () => {
    const failed = verification([
      ['alpha-build', { status: 'failed', ruleId: 'DP505', message: 'The path does not exist at the commit.' }],
      ['alpha-validator', { status: 'failed', ruleId: 'DP504', message: 'The commit does not exist in the local clone.' }],
    ]);
    const issues = expectIssues(
      fixture('DP506-unverified-evidence'),
      [
        { rule: 'DP505', file: 'content/evidence/alpha-build.yaml', line: 4, field: 'path' },
        { rule: 'DP504', file: 'content/evidence/alpha-validator.yaml', line: 5, field: 'commit' },
      ],
      { verification: failed, requireVerifiedEvidence: true },
    );
    expect(issues[0]!.message).toBe('The path does not exist at the commit.');
  });

  it('reports DP507 on the commit even when verification is not required', () => {
    const failed = verification([
      ['alpha-build', { status: 'verified', repository: 'product' }],
      ['alpha-validator', { status: 'failed', ruleId: 'DP507', message: 'The local clone cannot answer.' }],
    ]);
    expectIssues(
      fixture('DP506-unverified-evidence'),
      [{ rule: 'DP507', file: 'content/evidence/alpha-validator.yaml', line: 5, field: 'commit' }],
      { verification: failed, requireVerifiedEvidence: false },
    );
  });

  it('accepts verified evidence when verification is required, and treats a missing entry as unverified', () => {
    const verified = verification([['alpha-build', { status: 'verified', repository: 'product' }]]);
    expectIssues(
      fixture('DP506-unverified-evidence'),
      [{ rule: 'DP506', file: 'content/evidence/alpha-validator.yaml', line: 5, field: 'commit' }],
      { verification: verified, requireVerifiedEvidence: true },
    );
  });
});

describe('DP208 link templates for other hosts', () => {
  it('refuses a repository on another host without both templates', () => {
    const result = records(seedBase, {
      repositories: withTarget([
        { id: 'product', url: 'https://github.com/example/product' },
        { id: 'forge', url: 'https://git.example.org/team/product' },
        {
          id: 'forge-files',
          url: 'https://git.example.org/team/files',
          commit_url_template: 'https://git.example.org/team/files/commit/{commit}',
        },
      ]),
    });
    expectIssues(result, [
      { rule: 'DP208', file: 'content/repositories.yaml', line: 4, field: 'repositories[1].commit_url_template' },
      { rule: 'DP208', file: 'content/repositories.yaml', line: 6, field: 'repositories[2].file_url_template' },
    ]);
  });

  it('accepts GitHub, a self-hosted GitLab without templates and another host with both templates', () => {
    const result = records(seedBase, {
      repositories: withTarget([
        { id: 'product', url: 'https://github.com/example/product' },
        { id: 'self-hosted-gitlab', url: 'https://gitlab.example.com/team/product.git' },
        {
          id: 'forge',
          url: 'https://codeberg.org/team/product',
          commit_url_template: 'https://codeberg.org/team/product/commit/{commit}',
          file_url_template: 'https://codeberg.org/team/product/src/commit/{commit}/{path}',
        },
      ]),
    });
    expectIssues(result, []);
    expect(result.records.repositories?.data.repositories.map((repository) => repository.id)).toEqual([
      'product',
      'self-hosted-gitlab',
      'forge',
    ]);
  });
});
