// The fast gate-test helper itself (test/helpers/record-set.ts): it reads like the disk reader
// and fails on a missing and on an extra issue, naming both.
import { describe, expect, it } from 'vitest';
import { expectIssues, records } from './helpers/record-set.ts';
import { teamBase } from './helpers/team-decision.ts';

describe('records() and expectIssues()', () => {
  it('reports reader issues with file and line, as the disk reader does', () => {
    const built = records(teamBase, { workItems: { 'Q-OWNER': 'title: a\ntitle: b\nstatus: blocked\n' } });
    expect(built.records.workItems.has('Q-OWNER')).toBe(false);
    expectIssues(built, [{ rule: 'DP105', file: 'content/work-items/Q-OWNER.yaml', line: 2, field: 'title' }]);
  });

  it('removes a file given as null', () => {
    const built = records(teamBase, { evidence: { 'queue-notes': null } });
    expect(built.records.evidence.size).toBe(0);
  });

  it('fails on an extra issue and on a missing one, listing both', () => {
    const rollout = { workItems: { 'Q-ROLLOUT': { title: 'Roll out', status: 'done' } } };
    expect(() => expectIssues(records(teamBase, rollout), [])).toThrow(/\+ DP700 content\/work-items\/Q-ROLLOUT.yaml:2 status/);
    expect(() => expectIssues(teamBase, [{ rule: 'DP700', file: 'content/work-items/Q-ROLLOUT.yaml', line: 2, field: 'status' }])).toThrow(
      /- DP700 content\/work-items\/Q-ROLLOUT.yaml:2 status/,
    );
  });
});
