// The site data after validation: each decision carries its kind, state and PRD as typed objects;
// the integration receives its options as values (never through process.env) and the validation
// cache is keyed on every option that changes the result; routes read typed data, never cast it.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { AstroIntegration } from 'astro';
import { makeContent as makeFixtureContent, projectRoot, validateFixture } from './helpers/fixtures.ts';
import { prdIdOf, validatedDecisions } from '../src/core/validated-decision.ts';
import { decisionPacket } from '../src/integration/decision-packet.ts';
import { resolvePacketOptions } from '../src/integration/packet-options.ts';
import { getActiveSiteOptions, getValidatedSite, getValidation } from '../src/integration/validated-site.ts';
import { UsageError } from '../src/core/build-date.ts';

const made: string[] = [];
afterAll(() => {
  for (const content of made) rmSync(path.dirname(content), { recursive: true, force: true });
});

/** A fixture's content folder, removed after the tests. */
function makeContent(fixture?: string): string {
  const content = makeFixtureContent(fixture);
  made.push(content);
  return content;
}

const ruleIds = (issues: readonly { ruleId: string }[]) => issues.map((issue) => issue.ruleId);

/** Every .ts and .astro file under a folder of src/, with its text. */
function sources(folder: string): { file: string; text: string }[] {
  const dir = path.join(projectRoot, 'src', folder);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(?:astro|ts)$/.test(file))
    .map((file) => ({ file: path.join(folder, file), text: readFileSync(path.join(dir, file), 'utf8') }));
}

describe('a validated decision', () => {
  it('carries its kind, its compiled state and its PRD, made once per record set', async () => {
    const { ok, records } = await validateFixture();
    expect(ok).toBe(true);
    const validated = validatedDecisions(records);
    expect(validated.map((item) => item.decision.id)).toEqual([...records.decisions.keys()]);
    for (const { decision, kind, state, prd } of validated) {
      expect(kind).toBe(records.kinds.get(decision.data.kind));
      expect(state).toBe(kind.compiled.states.get(String(decision.data[kind.data.state_field])));
      expect(prd).toBe(records.prds.get(String(decision.data.prd)));
    }
    expect(validatedDecisions(records)).toBe(validated);
  });

  it('names a PRD only when the kind has a prd_ref field holding a string', () => {
    const kind = { common: { prd: 'prd_ref', title: 'line' } } as const;
    expect(prdIdOf(kind, { prd: 'alpha' })).toBe('alpha');
    expect(prdIdOf(kind, { prd: 7 })).toBeUndefined();
    expect(prdIdOf({ common: { title: 'line' } }, { prd: 'alpha' })).toBeUndefined();
  });
});

describe('the validation cache', () => {
  it('is keyed on the build date', async () => {
    const contentDir = makeContent('DP403-review-overdue');
    const before = await getValidation({ contentDir, today: '2026-11-23', requireVerifiedEvidence: false, strict: false });
    const after = await getValidation({ contentDir, today: '2026-11-24', requireVerifiedEvidence: false, strict: false });
    expect(ruleIds(before.issues)).not.toContain('DP403');
    expect(ruleIds(after.issues)).toContain('DP403');
  });

  it('is keyed on requireVerifiedEvidence', async () => {
    const contentDir = makeContent('DP506-unverified-evidence');
    const lenient = await getValidation({ contentDir, today: '2026-11-24', requireVerifiedEvidence: false, strict: false });
    const strict = await getValidation({ contentDir, today: '2026-11-24', requireVerifiedEvidence: true, strict: false });
    expect(ruleIds(lenient.issues)).not.toContain('DP506');
    expect(ruleIds(strict.issues)).toContain('DP506');
  });

  it('keeps one site data per base path, each typed', async () => {
    const options = { contentDir: makeContent(), today: '2026-11-24', requireVerifiedEvidence: false, strict: false };
    const root = getValidatedSite({ ...options, base: '/' });
    const nested = getValidatedSite({ ...options, base: '/docs/' });
    expect(nested).not.toBe(root);
    expect((await root).packets.map((packet) => packet.id)).toEqual((await nested).packets.map((packet) => packet.id));
  });
});

describe("the integration's options", () => {
  const setup = (integration: AstroIntegration, base: string) =>
    integration.hooks['astro:config:setup']!({
      command: 'build',
      config: {
        root: pathToFileURL(`${projectRoot}/`),
        srcDir: pathToFileURL(`${projectRoot}/src/`),
        publicDir: pathToFileURL(`${projectRoot}/public/`),
        base,
        integrations: [],
        build: { concurrency: 1 },
      },
      updateConfig: () => undefined,
      injectRoute: () => undefined,
    } as never);

  it("reach the routes' getValidatedSite() as values, with process.env left alone", async () => {
    const before = { ...process.env };
    await setup(
      decisionPacket({ content: 'test/fixtures/base', today: '2026-01-02', requireVerifiedEvidence: true, strict: false }),
      '/docs',
    );
    expect(getActiveSiteOptions()).toMatchObject({
      contentDir: path.join(projectRoot, 'test/fixtures/base'),
      today: '2026-01-02',
      requireVerifiedEvidence: true,
      base: '/docs/',
    });
    expect(process.env).toEqual(before);
  });

  it('default to the documented environment variables, and an explicit option wins', () => {
    const env = {
      PACKET_CONTENT_DIR: 'elsewhere',
      PACKET_TODAY: '2026-03-04',
      PACKET_REQUIRE_VERIFIED_EVIDENCE: '1',
      PACKET_SEARCH_SHARD_PAGES: '10',
    };
    expect(resolvePacketOptions({}, '/site', '/', env)).toMatchObject({
      contentDir: path.resolve('elsewhere'),
      today: '2026-03-04',
      requireVerifiedEvidence: true,
      searchShardPages: 10,
      renderConcurrency: 4,
    });
    expect(
      resolvePacketOptions({ content: 'c', today: '2026-05-06', requireVerifiedEvidence: false, strict: false }, '/site', '/x', env),
    ).toMatchObject({
      contentDir: path.resolve('/site/c'),
      today: '2026-05-06',
      requireVerifiedEvidence: false,
      base: '/x/',
    });
  });

  it('refuse a today that is not a date, as a usage error', () => {
    expect(() => resolvePacketOptions({ today: '2026-02-30' }, '/site', '/', {})).toThrow(UsageError);
  });

  it('name the site "Decision Packet" unless the title option or PACKET_SITE_TITLE says otherwise', () => {
    expect(resolvePacketOptions({}, '/site', '/', {}).title).toBe('Decision Packet');
    expect(resolvePacketOptions({}, '/site', '/', { PACKET_SITE_TITLE: 'Platform decisions' }).title).toBe('Platform decisions');
    expect(resolvePacketOptions({ title: 'Team A' }, '/site', '/', { PACKET_SITE_TITLE: 'Platform decisions' }).title).toBe('Team A');
    for (const title of ['', '   ', 'two\nlines', 'x'.repeat(81)])
      expect(() => resolvePacketOptions({ title }, '/site', '/', {}), JSON.stringify(title)).toThrow(UsageError);
  });
});

describe('the source', () => {
  it('never writes options into process.env', () => {
    const writes = sources('.')
      .filter(({ text }) => /process\.env(?:\.\w+|\[[^\]]+\])\s*=[^=]/.test(text))
      .map(({ file }) => file);
    expect(writes).toEqual([]);
  });

  it('has routes, layouts and components that read typed data, never cast through unknown', () => {
    const casts = ['routes', 'components', 'layouts']
      .flatMap(sources)
      .filter(({ text }) => text.includes('as unknown as'))
      .map(({ file }) => file);
    expect(casts).toEqual([]);
  });
});
