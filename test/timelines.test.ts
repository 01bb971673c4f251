// A packet's history that reviewers can trust: every state transition with its commit, date,
// from and to, linked to the record at that commit, on the timeline and in decision.json.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSiteData } from '../src/site/site-data.ts';
import { decisionDocument } from '../src/site/machine-readable.ts';
import { loadTimelines, transitionsOf } from '../src/site/timelines.ts';
import { validate } from '../src/validate/validate.ts';
import { commitAll, git, initRepo, overlay, removeScratch, writeFiles } from './helpers/git-repo.ts';

afterAll(removeScratch);

describe('state transitions', () => {
  it('are every change of state, oldest first, skipping versions without one or with the same one', () => {
    const at = (commit: string, status?: string) => ({ commit, date: `2026-01-0${commit}T00:00:00Z`, subject: '', status });
    expect(
      transitionsOf([at('5', 'b'), at('4'), at('3', 'a'), at('2', 'a'), at('1', 'a')]).map(({ commit, from, to }) => [commit, from, to]),
    ).toEqual([
      ['1', null, 'a'],
      ['5', 'a', 'b'],
    ]);
  });

  it('are listed on the timeline and in decision.json, linked to the record at each commit', async () => {
    const repo = initRepo('transitions');
    const first = git(repo, ['rev-parse', 'HEAD']);
    writeFiles(repo, {
      'content/repositories.yaml': 'repositories:\n  - id: product\n    url: https://github.com/example/product\n    local_path: ..\n',
      // Evidence verified against this very repository.
      'content/evidence/alpha-validator.yaml': `title: Alpha validator\nkind: validator\nrepository: product\npath: content/prds/alpha.md\ncommit: "${first}"\n`,
    });
    const opened = commitAll(repo, 'Link the content repository', '2026-01-02T12:00:00+00:00');
    overlay(repo, 'valid-branch-a');
    const approved = commitAll(repo, 'Approve Branch A', '2026-02-03T12:00:00+00:00');
    writeFiles(repo, {
      'content/work-items/ALPHA-1.yaml': 'title: Alpha admission authority\nstatus: blocked\nblocked_reason: Still blocked.\n',
    });
    commitAll(repo, 'Reword the authority', '2026-02-04T12:00:00+00:00');

    const contentDir = path.join(repo, 'content');
    const result = await validate({ contentDir, cwd: repo, today: '2026-11-24', env: {} });
    expect(result.issues).toEqual([]);
    // Run from another folder than the repository (as a host site in its own folder is): the
    // records are found from the content folder, not from the working directory.
    expect(path.relative(process.cwd(), repo).startsWith('..')).toBe(true);
    const timelines = await loadTimelines(result.records, result.contentRoot);
    const timeline = timelines.get('content/decisions/alpha.yaml')!;
    if (!timeline.available) throw new Error(timeline.message);
    const record = (commit: string) => `https://github.com/example/product/blob/${commit}/content/decisions/alpha.yaml`;
    expect(timeline.transitions).toEqual([
      {
        commit: first,
        date: '2026-01-01T12:00:00Z',
        from: null,
        to: 'not_decided',
        commitUrl: `https://github.com/example/product/commit/${first}`,
        recordUrl: record(first),
      },
      {
        commit: approved,
        date: '2026-02-03T12:00:00Z',
        from: 'not_decided',
        to: 'external_provider_approved',
        commitUrl: `https://github.com/example/product/commit/${approved}`,
        recordUrl: record(approved),
      },
    ]);
    expect(opened).not.toBe(approved);

    const packet = buildSiteData(result, approved, timelines).packets[0]!;
    expect(decisionDocument(packet, approved).transitions).toEqual([
      { commit: first, date: '2026-01-01T12:00:00Z', from: null, to: 'not_decided', record_url: record(first) },
      {
        commit: approved,
        date: '2026-02-03T12:00:00Z',
        from: 'not_decided',
        to: 'external_provider_approved',
        record_url: record(approved),
      },
    ]);
  });
});
