// renderPrds gives exactly what renderPrd gives, PRD by PRD, over more PRDs than one slice.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateContent } from '../bench/generate-content.ts';
import { splitFrontmatter } from '../src/reader/frontmatter.ts';
import { renderPrd } from '../src/site/prd-html.ts';
import { renderPrds, type RenderJob } from '../src/site/render-pool.ts';
import { fixturesDir } from './helpers/fixtures.ts';

describe('renderPrds', () => {
  const temp = mkdtempSync(path.join(tmpdir(), 'decision-packet-render-pool-'));
  afterAll(() => {
    rmSync(temp, { recursive: true, force: true });
  });

  it('renders each PRD exactly as renderPrd does', async () => {
    const { contentDir } = generateContent(temp, 90, { git: false });
    const jobs: RenderJob[] = readdirSync(path.join(contentDir, 'prds')).map((name) => {
      const split = splitFrontmatter(readFileSync(path.join(contentDir, 'prds', name), 'utf8'));
      return { id: name.replace(/\.md$/, ''), body: split.body, bodyLine: split.bodyLine };
    });
    // Fixture PRDs with raw HTML, unsafe links and named anchors, among the generated ones.
    for (const fixture of ['render-unsafe-markdown', 'render-criteria-reworded', 'DP210-named-anchors-passes']) {
      const split = splitFrontmatter(readFileSync(path.join(fixturesDir, fixture, 'prds/alpha.md'), 'utf8'));
      jobs.push({ id: fixture, body: split.body, bodyLine: split.bodyLine });
    }
    const rendered = await renderPrds(jobs);
    expect([...rendered.keys()].sort()).toEqual(jobs.map((job) => job.id).sort());
    for (const job of jobs) expect(rendered.get(job.id), job.id).toEqual(renderPrd(job.body, job.bodyLine));
  });

  it('renders a single PRD', async () => {
    const jobs = [{ id: 'a', body: '# A\n\n## Acceptance Criteria\n\n- One {#one}\n', bodyLine: 5 }];
    expect(await renderPrds(jobs)).toEqual(new Map([['a', renderPrd(jobs[0]!.body, 5)]]));
  });
});
