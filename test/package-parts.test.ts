// The parts of the package that need no packed tarball: the starter content init writes, the
// routes the integration injects, and the folder messages name files relative to (the content's
// repository, never ../…).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packetRoutes } from '../src/integration/decision-packet.ts';
import { displayRoot } from '../src/git/repository-root.ts';
import { validate } from '../src/validate/validate.ts';
import { projectRoot } from './helpers/fixtures.ts';
import { initRepo, removeScratch, scratch } from './helpers/git-repo.ts';

afterAll(removeScratch);

describe('the starter content init writes', () => {
  it('passes the check: a kind of its own, a PRD, a decision in its safe state, the work item it gates', async () => {
    const content = path.join(projectRoot, 'starter/content');
    const result = await validate({ contentDir: content, cwd: path.dirname(content), today: '2026-11-24', env: {} });
    expect(result.issues).toEqual([]);
    expect(result.records.kinds.size).toBe(1);
    const [decision] = [...result.records.decisions.values()];
    const kind = result.records.kinds.get(decision!.data.kind)!;
    expect(decision!.data[kind.data.state_field]).toBe(kind.data.safe_state);
    expect(result.records.workItems.size).toBe(1);
  });
});

describe('the injected routes', () => {
  it('derive each pattern from its file by Astro file-routing rules; MDX pages go through [...guide]', () => {
    const routes = packetRoutes();
    const patterns = routes.map((route) => route.pattern);
    expect(patterns).toEqual(
      expect.arrayContaining([
        '/',
        '/404',
        '/packets/[id]',
        '/work-items',
        '/work-items/[id]',
        '/evidence',
        '/search',
        '/schemas/[kind].schema.json',
        '/[...guide]',
      ]),
    );
    // decision.json, badge.svg and packets.json are written by the integration itself, not routed.
    expect(patterns.filter((pattern) => /(?:decision\.json|badge\.svg|packets\.json)$/.test(pattern))).toEqual([]);
    expect(new Set(patterns).size).toBe(patterns.length);
    for (const route of routes) {
      expect(path.isAbsolute(route.entrypoint)).toBe(true);
      expect(route.entrypoint).toMatch(/\.(?:astro|ts)$/);
    }
  });
});

describe('the folder file paths are shown from', () => {
  it('is the git top level of the content, from a working directory elsewhere in the repository', async () => {
    const repo = initRepo('display-root');
    const tools = path.join(repo, 'tools');
    mkdirSync(tools);
    expect(await displayRoot('../content', {}, tools)).toBe(repo);
  });

  it('is GITHUB_WORKSPACE when it holds the content, and never a folder that does not', async () => {
    const repo = initRepo('display-root-actions');
    expect(await displayRoot('content', { GITHUB_WORKSPACE: path.join(repo, 'content') }, repo)).toBe(path.join(repo, 'content'));
    const elsewhere = path.join(scratch, 'elsewhere');
    mkdirSync(elsewhere, { recursive: true });
    expect(await displayRoot('content', { GITHUB_WORKSPACE: elsewhere }, repo)).toBe(repo);
  });

  it('is the folder holding the content when no repository or working directory holds it', async () => {
    const outside = path.join(scratch, 'plain', 'planning');
    mkdirSync(outside, { recursive: true });
    const cwd = path.join(scratch, 'somewhere-else');
    mkdirSync(cwd, { recursive: true });
    expect(await displayRoot(outside, {}, cwd)).toBe(path.join(scratch, 'plain'));
  });
});
