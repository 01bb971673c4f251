// Every gate over the neutral kind (test/fixtures/kinds/team-decision.yaml), in memory: the engine
// enforces what a kind declares, whatever its words. One case per failure, plus its near miss.
import { describe, expect, it } from 'vitest';
import { expectIssues, records } from './helpers/record-set.ts';
import { acceptedQueue, commit, teamBase } from './helpers/team-decision.ts';

const decision = 'content/decisions/queue.yaml';
const evidenceFile = (id: string) => `content/evidence/${id}.yaml`;
const evidence = (fields: Record<string, unknown>) => ({
  title: 'Architecture review',
  kind: 'note',
  repository: 'service',
  path: 'docs/x.md',
  commit,
  ...fields,
});

describe('the neutral kind', () => {
  it('accepts the proposed base and an accepted decision with a matching review and a green pilot', () => {
    expectIssues(teamBase, []);
    const accepted = records(teamBase, acceptedQueue());
    expectIssues(accepted, []);
    expect(accepted.records.decisions.get('queue')?.data).toMatchObject({ status: 'accepted', option: 'natsq' });
  });
});

describe('states and their fields (DP201–DP204)', () => {
  it('DP201: refuses a state the kind does not declare', () => {
    expectIssues(records(teamBase, acceptedQueue({ status: 'decided' })), [{ rule: 'DP201', file: decision, line: 4, field: 'status' }]);
  });

  it('DP202: refuses an outcome field in the proposed state', () => {
    const proposed = {
      kind: 'team-decision',
      prd: 'queue',
      owner: 'Q-OWNER',
      status: 'proposed',
      work_items: { rollout: 'Q-ROLLOUT' },
      rationale: 'x',
    };
    expectIssues(records(teamBase, { decisions: { queue: proposed } }), [{ rule: 'DP202', file: decision, line: 7, field: 'rationale' }]);
  });

  it('DP203: refuses an accepted decision without its effect (at its state field), and DP204 a wrong one', () => {
    expectIssues(records(teamBase, acceptedQueue({ effect: undefined })), [{ rule: 'DP203', file: decision, line: 4, field: 'effect' }]);
    expectIssues(records(teamBase, acceptedQueue({ effect: 'Q-ROLLOUT owns the rollout of the accepted option' })), [
      { rule: 'DP204', file: decision, line: 13, field: 'effect' },
    ]);
  });

  it('DP204: refuses a class outside the declared patterns, and accepts one inside', () => {
    expectIssues(records(teamBase, acceptedQueue({ data_class: 'secret-store' })), [
      { rule: 'DP204', file: decision, line: 8, field: 'data_class' },
    ]);
    expectIssues(records(teamBase, acceptedQueue({ data_class: 'internal' })), [
      { rule: 'DP204', file: decision, line: 8, field: 'data_class' },
    ]);
    expectIssues(records(teamBase, acceptedQueue({ data_class: 'public' })), []);
  });
});

describe('evidence the decision lists (DP400, DP402)', () => {
  it('DP400: refuses an option no listed review admits, even when an unlisted one exists', () => {
    const issues = expectIssues(records(teamBase, acceptedQueue({ evidence: ['queue-pilot'] })), [
      { rule: 'DP400', file: decision, line: 7, field: 'option' },
    ]);
    expect(issues[0]!.message).not.toContain('natsq');
  });

  it('DP400: accepts an empty option without a review', () => {
    expectIssues(records(teamBase, acceptedQueue({ option: '', evidence: ['queue-pilot'] })), []);
  });

  it('DP402: refuses a listed review of another option (which then admits nothing: DP400)', () => {
    const other = { evidence: { 'queue-review': evidence({ kind: 'review', option: 'kafkaq' }) } };
    const issues = expectIssues(records(teamBase, acceptedQueue(), other), [
      { rule: 'DP400', file: decision, line: 7, field: 'option' },
      { rule: 'DP402', file: decision, line: 11, field: 'evidence[0]', message: /differs from this decision's option/ },
    ]);
    expect(issues.map((issue) => issue.message).join('\n')).not.toMatch(/kafkaq|natsq/);
  });
});

describe('forbidden terms (DP401)', () => {
  it('refuses a retired tool named in any field of an accepted decision, without echoing it', () => {
    const review = { evidence: { 'queue-review': evidence({ kind: 'review', option: 'legacyctl-v2' }) } };
    const issues = expectIssues(
      records(teamBase, acceptedQueue({ option: 'legacyctl-v2', review_by: 'When oldbus is switched off' }), review),
      [
        { rule: 'DP401', file: decision, line: 7, field: 'option' },
        { rule: 'DP401', file: decision, line: 9, field: 'review_by' },
      ],
    );
    expect(issues.map((issue) => issue.message).join('\n')).not.toMatch(/legacyctl|oldbus/);
  });

  it('accepts look-alikes and the terms in a state that does not forbid them', () => {
    expectIssues(records(teamBase, acceptedQueue({ review_by: 'When oldbusiness is reorganised' })), []);
    const rejected = { kind: 'team-decision', prd: 'queue', owner: 'Q-OWNER', status: 'rejected', work_items: { rollout: 'Q-ROLLOUT' } };
    expectIssues(
      records(teamBase, acceptedQueue(), {
        decisions: { queue: { ...rejected, rationale: 'legacyctl does it', evidence: ['queue-pilot'] } },
      }),
      [],
    );
  });
});

describe('review dates (DP403)', () => {
  it('refuses a review date before the build date, and accepts the build date itself', () => {
    const overdue = records(teamBase, acceptedQueue({ review_by: '2026-11-23' }));
    expectIssues(overdue, [{ rule: 'DP403', file: decision, line: 9, field: 'review_by' }], { today: '2026-11-24' });
    expectIssues(overdue, [], { today: '2026-11-23' });
  });

  it('never judges a condition as overdue', () => {
    expectIssues(records(teamBase, acceptedQueue({ review_by: 'After the 2020-01-01 policy is replaced' })), [], { today: '2030-01-01' });
  });
});

describe('gated work items (DP700–DP702)', () => {
  const status = (id: string, value: string) => ({ workItems: { [id]: { title: 'Gated', status: value } } });

  it('DP700: refuses a rollout that left blocked while the decision is proposed', () => {
    const issues = expectIssues(records(teamBase, status('Q-ROLLOUT', 'in_progress')), [
      { rule: 'DP700', file: 'content/work-items/Q-ROLLOUT.yaml', line: 2, field: 'status', message: 'decision "queue"' },
    ]);
    expect(issues[0]!.message).toContain('accepted');
  });

  it('DP701: refuses a rollout in progress when the listed pilot is red, and accepts it when green', () => {
    const red = { evidence: { 'queue-pilot': evidence({ kind: 'pilot', verdict: 'red' }) } };
    expectIssues(records(teamBase, acceptedQueue(), red, status('Q-ROLLOUT', 'in_progress')), [
      { rule: 'DP701', file: 'content/work-items/Q-ROLLOUT.yaml', line: 2, field: 'status' },
    ]);
    expectIssues(records(teamBase, acceptedQueue(), status('Q-ROLLOUT', 'in_progress')), []);
  });

  it('DP702: refuses a done owner without a matching review, and accepts it with one', () => {
    expectIssues(records(teamBase, acceptedQueue({ option: '', evidence: ['queue-pilot'] }), status('Q-OWNER', 'done')), [
      { rule: 'DP702', file: 'content/work-items/Q-OWNER.yaml', line: 2, field: 'status' },
    ]);
    expectIssues(records(teamBase, acceptedQueue(), status('Q-OWNER', 'done')), []);
  });
});

describe('references (DP300–DP303)', () => {
  it('refuses a missing evidence, PRD, work item and repository', () => {
    const broken = records(
      teamBase,
      acceptedQueue({ prd: 'nope', work_items: { rollout: 'Q-NOPE' }, evidence: ['queue-review', 'queue-pilot', 'queue-nope'] }),
      {
        evidence: { 'queue-notes': evidence({ repository: 'nowhere' }) },
      },
    );
    expectIssues(broken, [
      { rule: 'DP301', file: decision, line: 2, field: 'prd' },
      { rule: 'DP302', file: decision, line: 6, field: 'work_items.rollout' },
      { rule: 'DP300', file: decision, line: 13, field: 'evidence[2]' },
      { rule: 'DP303', file: evidenceFile('queue-notes'), line: 3, field: 'repository' },
    ]);
  });
});

describe('evidence references (DP500–DP503)', () => {
  it('DP500/DP501: refuses a short commit and a path that leaves its repository', () => {
    expectIssues(records(teamBase, { evidence: { 'queue-notes': evidence({ commit: commit.slice(0, 12), path: '../notes.md' }) } }), [
      { rule: 'DP501', file: evidenceFile('queue-notes'), line: 4, field: 'path' },
      { rule: 'DP500', file: evidenceFile('queue-notes'), line: 5, field: 'commit' },
    ]);
  });

  it('DP502: refuses evidence in a target repository or under its path prefix, not beside it', () => {
    const inTarget = {
      evidence: { 'queue-notes': evidence({ repository: 'customer' }), 'queue-vendored': evidence({ path: 'vendor/customer/a.md' }) },
    };
    expectIssues(records(teamBase, inTarget), [
      { rule: 'DP502', file: evidenceFile('queue-notes'), line: 3, field: 'repository' },
      { rule: 'DP502', file: evidenceFile('queue-vendored'), line: 4, field: 'path' },
    ]);
    expectIssues(records(teamBase, { evidence: { 'queue-vendored': evidence({ path: 'vendor/customer-tools/a.md' }) } }), []);
  });

  it('DP503: refuses a copied log and pasted output, and leaves other unknown keys to the shape rule', () => {
    const copied = { evidence: { 'queue-notes': evidence({ stdout: 'ok' }), 'queue-other': evidence({ log_path: 'logs/x' }) } };
    expectIssues(records(teamBase, acceptedQueue({ review_by: 'line one\nline two' }), copied), [
      { rule: 'DP503', file: decision, line: 9, field: 'review_by' },
      { rule: 'DP503', file: evidenceFile('queue-notes'), line: 6, field: 'stdout' },
      { rule: 'DP206', file: evidenceFile('queue-other'), line: 6, field: 'log_path' },
    ]);
  });
});

describe('evidence verification (DP504–DP507)', () => {
  it('DP506: refuses unverified evidence only when verification is required', () => {
    const base = records(teamBase);
    expectIssues(base, [{ rule: 'DP506', file: evidenceFile('queue-notes'), line: 5, field: 'commit' }], { requireVerifiedEvidence: true });
    const verified = new Map([['queue-notes', { status: 'verified', repository: 'service' } as const]]);
    expectIssues(base, [], { requireVerifiedEvidence: true, verification: verified });
  });

  it('DP504, DP505, DP507: reports a failed verification once, on the commit or the path', () => {
    const twoNotes = records(teamBase, { evidence: { 'queue-other': evidence({}), 'queue-third': evidence({}) } });
    const verification = new Map([
      ['queue-notes', { status: 'failed', ruleId: 'DP504', message: 'The commit does not exist in the local clone.' } as const],
      ['queue-other', { status: 'failed', ruleId: 'DP505', message: 'The path does not exist at the commit.' } as const],
      ['queue-third', { status: 'failed', ruleId: 'DP507', message: 'The local clone cannot answer.' } as const],
    ]);
    expectIssues(
      twoNotes,
      [
        { rule: 'DP504', file: evidenceFile('queue-notes'), line: 5, field: 'commit' },
        { rule: 'DP505', file: evidenceFile('queue-other'), line: 4, field: 'path' },
        { rule: 'DP507', file: evidenceFile('queue-third'), line: 5, field: 'commit' },
      ],
      { verification, requireVerifiedEvidence: true },
    );
  });
});

describe('repositories and PRDs (DP208, DP209)', () => {
  it('DP208: refuses a repository on another host without link templates', () => {
    const repositories = { repositories: [{ id: 'service', url: 'https://git.example.org/team/service' }], target_repositories: [] };
    expectIssues(records(teamBase, { repositories }), [
      { rule: 'DP208', file: 'content/repositories.yaml', line: 2, field: 'repositories[0].commit_url_template' },
    ]);
  });

  it('DP209: refuses a PRD reviewed before it was created', () => {
    const prd = { title: 'Message queue PRD', status: 'active', owner: 'platform', created: '2026-03-01', last_reviewed: '2026-02-01' };
    expectIssues(records(teamBase, { prds: { queue: prd } }), [
      { rule: 'DP209', file: 'content/prds/queue.md', line: 6, field: 'last_reviewed' },
    ]);
  });
});
