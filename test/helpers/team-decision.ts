// A valid content set of the neutral kind (test/fixtures/kinds/team-decision.yaml): one proposed
// decision with its PRD, two blocked work items, a repository and a target repository. Tests lay
// their own files over it with records(teamBase, { … }).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fixturesDir } from './fixtures.ts';
import type { RecordsInput } from './record-set.ts';

const teamKind = readFileSync(path.join(fixturesDir, 'kinds', 'team-decision.yaml'), 'utf8');

/** A full commit id, for evidence. */
export const commit = '0123456789abcdef0123456789abcdef01234567';

export const teamBase: RecordsInput = {
  kinds: { 'team-decision': teamKind },
  prds: {
    queue: [
      '---',
      'title: Message queue PRD',
      'status: active',
      'owner: platform',
      'created: 2026-01-10',
      'last_reviewed: 2026-02-01',
      '---',
      '',
      '# Message queue PRD',
      '',
      '## Acceptance Criteria',
      '',
      '- The rollout waits until an option is accepted.',
      '',
    ].join('\n'),
  },
  decisions: {
    queue: { kind: 'team-decision', prd: 'queue', owner: 'Q-OWNER', status: 'proposed', work_items: { rollout: 'Q-ROLLOUT' } },
  },
  workItems: {
    'Q-OWNER': { title: 'Platform team owns the queue decision', status: 'blocked' },
    'Q-ROLLOUT': { title: 'Roll the queue out', status: 'blocked' },
  },
  evidence: {
    'queue-notes': { title: 'Meeting notes', kind: 'note', repository: 'service', path: 'docs/notes.md', commit },
  },
  repositories: {
    repositories: [{ id: 'service', url: 'https://github.com/example/service' }],
    target_repositories: [{ id: 'customer', url: 'https://github.com/example/customer', path_prefix: 'vendor/customer' }],
  },
};

/** An accepted decision (lines 1–12 as written here), listing a review of `option` and a green pilot. */
export function acceptedQueue(fields: Record<string, unknown> = {}): RecordsInput {
  return {
    decisions: {
      queue: {
        kind: 'team-decision',
        prd: 'queue',
        owner: 'Q-OWNER',
        status: 'accepted',
        work_items: { rollout: 'Q-ROLLOUT' },
        option: 'natsq',
        data_class: 'internal-ops',
        review_by: '2027-01-01',
        evidence: ['queue-review', 'queue-pilot'],
        effect: 'Q-OWNER owns the rollout of the accepted option',
        ...fields,
      },
    },
    evidence: {
      'queue-review': {
        title: 'Architecture review',
        kind: 'review',
        option: 'natsq',
        repository: 'service',
        path: 'docs/review.md',
        commit,
      },
      'queue-pilot': { title: 'Pilot report', kind: 'pilot', verdict: 'green', repository: 'service', path: 'docs/pilot.md', commit },
    },
  };
}
