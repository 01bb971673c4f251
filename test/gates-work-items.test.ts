// Gates over the gated work items: the local adapter (DP700), the Stage 2 run (DP701) and the
// admission authority (DP702). Issues are reported on the work item's "status" field.
import { describe, expect, it } from 'vitest';
import { validateFixture } from './helpers/fixtures.ts';

describe('DP700 local adapter stays blocked unless local_provider_required', () => {
  it('refuses a candidate local adapter while the decision is not_decided', async () => {
    const result = await validateFixture('DP700-local-adapter-not-blocked');
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP700', file: 'content/work-items/ALPHA-2.yaml', line: 2, field: 'status' })]);
    expect(result.issues[0]!.message).toContain('decision "alpha"');
    expect(result.issues[0]!.message).toContain('local_provider_required');
  });

  it('refuses a done local adapter under Branch A, even with admission and a Stage 2 pass', async () => {
    const result = await validateFixture('DP700-branch-a-adapter-not-blocked');
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP700', file: 'content/work-items/ALPHA-2.yaml', line: 2, field: 'status' })]);
  });

  it('accepts an in-progress local adapter under Branch B', async () => {
    const result = await validateFixture('DP700-branch-b-adapter-passes');
    expect(result.issues).toEqual([]);
    expect(result.records.workItems.get('ALPHA-2')?.data.status).toBe('in_progress');
  });
});

describe('DP701 Stage 2 stays blocked until admission and a Stage 2 pass are listed', () => {
  it('refuses an in-progress Stage 2 item when the listed report failed and the passing one is not listed', async () => {
    const result = await validateFixture('DP701-stage2-not-blocked');
    expect(result.records.evidence.get('alpha-stage2-rerun')?.data).toMatchObject({ kind: 'stage2-report', result: 'pass' });
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP701', file: 'content/work-items/ALPHA-3.yaml', line: 2, field: 'status' })]);
    expect(result.issues[0]!.message).toContain('decision "alpha"');
  });

  it('refuses a Stage 2 item that moved under Branch B with empty provider/model, even with a passing report', async () => {
    const result = await validateFixture('DP701-branch-b-empty-provider-stage2');
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP701', file: 'content/work-items/ALPHA-3.yaml', line: 2, field: 'status' })]);
  });

  it('accepts an in-progress Stage 2 item with a matching admission and a passing report listed', async () => {
    const result = await validateFixture('DP701-admitted-stage2-pass-passes');
    expect(result.issues).toEqual([]);
    expect(result.records.workItems.get('ALPHA-3')?.data.status).toBe('in_progress');
  });
});

describe('DP702 the admission authority is done only with admission and a Stage 2 pass', () => {
  it('refuses a done authority when the listed Stage 2 report failed', async () => {
    const result = await validateFixture('DP702-authority-done');
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP702', file: 'content/work-items/ALPHA-1.yaml', line: 2, field: 'status' })]);
    expect(result.issues[0]!.message).toContain('decision "alpha"');
  });

  it('accepts a done authority (and a done Stage 2 item) under Branch B with a local admission and a Stage 2 pass', async () => {
    const result = await validateFixture('DP702-authority-done-passes');
    expect(result.issues).toEqual([]);
    expect(result.records.workItems.get('ALPHA-1')?.data.status).toBe('done');
    expect(result.records.workItems.get('ALPHA-3')?.data.status).toBe('done');
  });
});
