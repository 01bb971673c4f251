// A team's own component in place of a packet page section (the integration's `components` option).
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/core/build-date.ts';
import { resolveSectionComponents } from '../src/integration/section-components.ts';
import { makeContent, projectRoot } from './helpers/fixtures.ts';
import { makeBuildDir, runProcess } from './helpers/run.ts';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const fixture = 'test/fixtures/section-components/TeamOutcome.astro';

describe('the components option', () => {
  it('refuses a section a packet page does not have, and a file that is not an existing .astro file (usage errors)', () => {
    expect(() => resolveSectionComponents({ outcomes: fixture }, projectRoot)).toThrow(UsageError);
    expect(() => resolveSectionComponents({ outcomes: fixture }, projectRoot)).toThrow(/its sections are outcome, record, states/);
    expect(() => resolveSectionComponents({ outcome: 'test/fixtures/section-components/Missing.astro' }, projectRoot)).toThrow(
      /outcome must name an \.astro file that exists/,
    );
    expect(() => resolveSectionComponents({ outcome: 'package.json' }, projectRoot)).toThrow(UsageError);
    expect(resolveSectionComponents({ outcome: fixture }, projectRoot)).toEqual(new Map([['outcome', path.join(projectRoot, fixture)]]));
  });

  it("renders the team's component in the section's place, under its heading and anchor, on every packet page", async () => {
    const content = makeContent();
    made.push(path.dirname(content));
    const dir = makeBuildDir('section-components');
    made.push(dir);
    const out = path.join(dir, 'dist');
    const built = await runProcess(process.execPath, ['test/helpers/build-with-components.ts'], {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PACKET_CONTENT_DIR: content,
        PACKET_OUT_DIR: out,
        PACKET_CACHE_DIR: path.join(dir, 'cache'),
        PACKET_TODAY: '2026-11-24',
        SECTION_COMPONENTS: JSON.stringify({ outcome: fixture }),
      },
    });
    expect(built.stderr).not.toMatch(/error/i);
    expect(built.code).toBe(0);
    const page = readFileSync(path.join(out, 'packets/alpha/index.html'), 'utf8');
    const section = /<section[^>]*aria-labelledby="outcome"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    expect(section).toContain('<h2 id="outcome">');
    expect(section).toContain('class="team-outcome"');
    expect(section).toMatch(/Our outcome for .+ \(alpha\)/);
    // The engine's own outcome block is gone: no notices or the outcome's own text inside it.
    expect(section).not.toContain('outcome-text');
    expect(section).not.toContain('class="notice');
  });
});
