// Gates over the decision record: Branch B classes (DP204), Branch B provider admission (DP400),
// no external fallback (DP401), admission mismatch (DP402) and overdue review (DP403).
import { describe, expect, it } from 'vitest';
import { expectIssues, fixtureInput, records, seedBase } from './helpers/record-set.ts';
import { compileTerms } from '../src/kinds/term-match.ts';
import { classMatches } from '../src/kinds/class-patterns.ts';
import { normalizeSpec } from '../src/schemas/kind.ts';

// A disk fixture laid over the seed's base, read in memory (no secret worker, no git).
const fixture = (name: string) => records(seedBase, fixtureInput(name));

// The seed's kind, as the gate loads it: its term list and its Branch B class patterns.
const seedKind = records(seedBase).records.kinds.get('provider-decision')!.data;
const EXTERNAL_PROVIDER_MARKERS = seedKind.term_lists!.external_providers!;
const namesExternalProvider = compileTerms(EXTERNAL_PROVIDER_MARKERS);
const branchB = seedKind.states.local_provider_required!.requires!;
const isBranchBCredentialClass = (value: string) => classMatches(normalizeSpec(branchB.credential_source_class!).patterns!, value);
const isBranchBNetworkClass = (value: string) => classMatches(normalizeSpec(branchB.allowed_network_class!).patterns!, value);

const decisionFile = 'content/decisions/alpha.yaml';

describe('DP204 Branch B credential and network classes', () => {
  it('refuses a secret-store credential class and an unbounded network class in Branch B', () => {
    const result = fixture('DP204-branch-b-classes');
    const issues = expectIssues(result, [
      { rule: 'DP204', file: decisionFile, line: 11, field: 'credential_source_class' },
      { rule: 'DP204', file: decisionFile, line: 12, field: 'allowed_network_class' },
    ]);
    expect(issues[0]!.message).toContain('"no-secret"');
    expect(issues[1]!.message).toContain('"local-only"');
  });

  it('accepts local-keychain and an explicitly bounded network class', () => {
    const result = fixture('DP204-local-classes-passes');
    expectIssues(result, []);
    expect(result.records.decisions.get('alpha')?.data.decision_status).toBe('local_provider_required');
  });

  it('accepts Branch A with a ci-secret-store credential class (the restriction is Branch B only)', () => {
    const result = fixture('DP402-admission-matches-passes');
    expectIssues(result, []);
    expect(result.records.decisions.get('alpha')?.data).toMatchObject({
      decision_status: 'external_provider_approved',
      credential_source_class: 'ci-secret-store',
    });
  });

  it.each([
    ['no-secret', true],
    ['local', true],
    ['local-keychain', true],
    ['local_file', true],
    ['localhost-vault', false],
    ['locality', false],
    ['ci-secret-store', false],
    ['no-secrets', false],
  ])('credential class %s allowed in Branch B: %s', (value, allowed) => {
    expect(isBranchBCredentialClass(value)).toBe(allowed);
  });

  it.each([
    ['local-only', true],
    ['bounded-lan', true],
    ['bounded_vpn', true],
    ['bounded-', false],
    ['bounded', false],
    ['unbounded-lan', false],
    ['open-internet', false],
    ['local-only-plus', false],
  ])('network class %s allowed in Branch B: %s', (value, allowed) => {
    expect(isBranchBNetworkClass(value)).toBe(allowed);
  });
});

describe('DP400 Branch B provider/model without admission', () => {
  it('refuses a provider/model that no listed admission admits, even when an unlisted one exists', () => {
    const result = fixture('DP400-unadmitted-provider');
    expect(result.records.evidence.get('alpha-local-admission')?.data.kind).toBe('admission');
    const issues = expectIssues(result, [{ rule: 'DP400', file: decisionFile, line: 8, field: 'provider' }]);
    expect(issues[0]!.message).not.toContain('ollama');
    expect(issues[0]!.message).not.toContain('llama-3.1-8b-instruct');
  });

  it('accepts Branch B with empty provider and model', () => {
    const result = fixture('DP400-branch-b-empty-passes');
    expectIssues(result, []);
    expect(result.records.decisions.get('alpha')?.data).toMatchObject({ provider: '', model: '' });
  });

  it('accepts Branch B whose provider/model a listed admission admits exactly', () => {
    const result = fixture('DP400-branch-b-admitted-passes');
    expectIssues(result, []);
    expect(result.records.decisions.get('alpha')?.data).toMatchObject({ provider: 'ollama', model: 'llama-3.1-8b-instruct' });
  });
});

describe('DP401 Branch B names no external provider or model', () => {
  it('refuses anthropic / claude-sonnet-4-6 in Branch B even with a matching admission listed', () => {
    const result = fixture('DP401-external-provider-model');
    const issues = expectIssues(result, [
      { rule: 'DP401', file: decisionFile, line: 8, field: 'provider' },
      { rule: 'DP401', file: decisionFile, line: 9, field: 'model' },
    ]);
    for (const issue of issues) {
      expect(issue.message).not.toMatch(/anthropic|claude/i);
    }
  });

  it('finds external names in any field: approval_source, a class, review_trigger text and an evidence id', () => {
    const result = fixture('DP401-external-in-text');
    expectIssues(result, [
      { rule: 'DP401', file: decisionFile, line: 10, field: 'approval_source' },
      { rule: 'DP401', file: decisionFile, line: 12, field: 'allowed_network_class' },
      { rule: 'DP401', file: decisionFile, line: 13, field: 'review_trigger' },
      { rule: 'DP401', file: decisionFile, line: 16, field: 'evidence_sources[1]' },
    ]);
  });

  it('finds an external name in the record\'s $schema value too (every value of the record is judged)', () => {
    const input = fixtureInput('DP401-local-look-alike-passes');
    const alpha = input.decisions!['alpha.yaml'];
    const decisions = { ...input.decisions, 'alpha.yaml': `$schema: "https://schemas.example/anthropic/decision.json"\n${String(alpha)}` };
    const issues = expectIssues(records(seedBase, { ...input, decisions }), [{ rule: 'DP401', file: decisionFile, line: 1, field: '"$schema"' }]);
    expect(issues[0]!.message).not.toMatch(/anthropic/i);
  });

  it('accepts local look-alikes: local-only, the word "provider", a gptq model name', () => {
    const result = fixture('DP401-local-look-alike-passes');
    expectIssues(result, []);
    expect(result.records.decisions.get('alpha')?.data).toMatchObject({ model: 'llama-3-8b-gptq', allowed_network_class: 'local-only' });
  });

  it('accepts Branch A naming anthropic / claude-sonnet-4-6 (the rule is Branch B only)', () => {
    const result = fixture('DP402-admission-matches-passes');
    expectIssues(result, []);
    expect(result.records.decisions.get('alpha')?.data).toMatchObject({ provider: 'anthropic', model: 'claude-sonnet-4-6' });
  });

  it.each([
    'claude-sonnet-4-6',
    'anthropic',
    'Anthropic',
    'external_anthropic',
    'OpenAI/gpt-4o',
    'gpt4',
    'GPT-5',
    'chatgpt',
    'gemini-2.5-pro',
    'google',
    'vertex ai endpoint',
    'mistral-large',
    'cohere command-r+',
    'aws bedrock',
    'azure-openai',
    'fall back to Claude.',
    'ｃｌａｕｄｅ', // full-width letters fold to "claude"
  ])('flags %s', (text) => {
    expect(namesExternalProvider(text)).toBe(true);
  });

  it.each([
    'local-only',
    'local_case_compatible',
    'no-secret',
    'Review when the provider/model changes',
    'external provider fallback refused',
    'llama-3-8b-gptq',
    'claudette',
    'googleapis-mirror',
    'ollama',
    'qwen2.5-coder',
    'CTO-WORK-020 remains blocked until local provider/model admission and real Stage 2 pass report exist',
  ])('does not flag %s', (text) => {
    expect(namesExternalProvider(text)).toBe(false);
  });

  it('keeps the marker list lowercase and without duplicates', () => {
    expect(EXTERNAL_PROVIDER_MARKERS.length).toBeGreaterThan(10);
    expect(EXTERNAL_PROVIDER_MARKERS.every((marker) => marker === marker.toLowerCase())).toBe(true);
    expect(new Set(EXTERNAL_PROVIDER_MARKERS).size).toBe(EXTERNAL_PROVIDER_MARKERS.length);
  });
});

describe('DP402 admission evidence matches the decision', () => {
  it('refuses a Branch A decision listing an admission for another model', () => {
    const result = fixture('DP402-admission-mismatch');
    const issues = expectIssues(result, [{ rule: 'DP402', file: decisionFile, line: 15, field: 'evidence_sources[0]' }]);
    expect(issues[0]!.message).toMatch(/whose model differs from this decision's model/);
    expect(issues[0]!.message).not.toMatch(/whose provider/);
    expect(issues[0]!.message).not.toMatch(/claude|opus/i);
  });

  it('refuses a Branch B admission for another model, which also leaves the provider unadmitted (DP400)', () => {
    const result = fixture('DP402-branch-b-mismatch');
    expectIssues(result, [
      { rule: 'DP400', file: decisionFile, line: 8, field: 'provider' },
      { rule: 'DP402', file: decisionFile, line: 16, field: 'evidence_sources[1]' },
    ]);
  });

  it('accepts Branch A with a matching admission and a passing Stage 2 report', () => {
    const result = fixture('DP402-admission-matches-passes');
    expectIssues(result, []);
    expect(result.records.evidence.get('alpha-admission')?.data).toMatchObject({
      kind: 'admission',
      provider: 'anthropic',
      model: 'claude-sonnet-4-6',
    });
  });
});

describe('DP403 review overdue', () => {
  it('refuses a review_trigger date before the build date', () => {
    const result = fixture('DP403-review-overdue');
    const issues = expectIssues(result, [{ rule: 'DP403', file: decisionFile, line: 13, field: 'review_trigger' }], {
      today: '2026-11-24',
    });
    expect(issues[0]!.message).not.toContain('2026-11-23');
  });

  it('accepts the same date one day earlier in the build clock', () => {
    expectIssues(fixture('DP403-review-overdue'), [], { today: '2026-11-23' });
  });

  it('accepts a review_trigger equal to the build date', () => {
    const result = fixture('DP403-review-today-passes');
    expectIssues(result, [], { today: '2026-11-24' });
    expect(result.records.decisions.get('alpha')?.data).toMatchObject({ review_trigger: '2026-11-24' });
  });

  it('never judges a condition text as overdue, even one that mentions an old date', () => {
    const result = fixture('DP403-condition-text-passes');
    expectIssues(result, [], { today: '2030-01-01' });
    expect(result.records.decisions.get('alpha')?.data).toMatchObject({ review_trigger: 'Review after the 2020-01-01 policy is replaced' });
  });
});
