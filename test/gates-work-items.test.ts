// Gates over the gated work items: the local adapter (DP700), the Stage 2 run (DP701) and the
// admission authority (DP702). Issues are reported on the work item's "status" field.
import { describe, expect, it } from 'vitest';
import { expectIssues, fixtureInput, records, seedBase } from './helpers/record-set.ts';

// A disk fixture laid over the seed's base, read in memory (no secret worker, no git).
const fixture = (name: string) => records(seedBase, fixtureInput(name));

describe('DP700 local adapter stays blocked unless local_provider_required', () => {
  it('refuses a candidate local adapter while the decision is not_decided', () => {
    const result = fixture('DP700-local-adapter-not-blocked');
    const issues = expectIssues(result, [{ rule: 'DP700', file: 'content/work-items/ALPHA-2.yaml', line: 2, field: 'status' }]);
    expect(issues[0]!.message).toContain('decision "alpha"');
    expect(issues[0]!.message).toContain('local_provider_required');
  });

  it('refuses a done local adapter under Branch A, even with admission and a Stage 2 pass', () => {
    const result = fixture('DP700-branch-a-adapter-not-blocked');
    expectIssues(result, [{ rule: 'DP700', file: 'content/work-items/ALPHA-2.yaml', line: 2, field: 'status' }]);
  });

  it('accepts an in-progress local adapter under Branch B', () => {
    const result = fixture('DP700-branch-b-adapter-passes');
    expectIssues(result, []);
    expect(result.records.workItems.get('ALPHA-2')?.data.status).toBe('in_progress');
  });
});

describe('DP701 Stage 2 stays blocked until admission and a Stage 2 pass are listed', () => {
  it('refuses an in-progress Stage 2 item when the listed report failed and the passing one is not listed', () => {
    const result = fixture('DP701-stage2-not-blocked');
    expect(result.records.evidence.get('alpha-stage2-rerun')?.data).toMatchObject({ kind: 'stage2-report', result: 'pass' });
    const issues = expectIssues(result, [{ rule: 'DP701', file: 'content/work-items/ALPHA-3.yaml', line: 2, field: 'status' }]);
    expect(issues[0]!.message).toContain('decision "alpha"');
  });

  it('refuses a Stage 2 item that moved under Branch B with empty provider/model, even with a passing report', () => {
    const result = fixture('DP701-branch-b-empty-provider-stage2');
    expectIssues(result, [{ rule: 'DP701', file: 'content/work-items/ALPHA-3.yaml', line: 2, field: 'status' }]);
  });

  it('accepts an in-progress Stage 2 item with a matching admission and a passing report listed', () => {
    const result = fixture('DP701-admitted-stage2-pass-passes');
    expectIssues(result, []);
    expect(result.records.workItems.get('ALPHA-3')?.data.status).toBe('in_progress');
  });
});

describe('DP702 the admission authority is done only with admission and a Stage 2 pass', () => {
  it('refuses a done authority when the listed Stage 2 report failed', () => {
    const result = fixture('DP702-authority-done');
    const issues = expectIssues(result, [{ rule: 'DP702', file: 'content/work-items/ALPHA-1.yaml', line: 2, field: 'status' }]);
    expect(issues[0]!.message).toContain('decision "alpha"');
  });

  it('accepts a done authority (and a done Stage 2 item) under Branch B with a local admission and a Stage 2 pass', () => {
    const result = fixture('DP702-authority-done-passes');
    expectIssues(result, []);
    expect(result.records.workItems.get('ALPHA-1')?.data.status).toBe('done');
    expect(result.records.workItems.get('ALPHA-3')?.data.status).toBe('done');
  });
});
