// The published packet in a real browser: the shipped content is built once as a whole process,
// served from a local static server and driven with the Chromium that `npm install` brings
// (test/helpers/test-browser.ts; never a downloaded one).
// Every page visited must log no console error, throw nothing and break no CSP directive.
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, makeContent, projectRoot, threeStateContent } from './helpers/fixtures.ts';
import { makeBuildDir, runCli } from './helpers/run.ts';
import { serveStatic, type StaticServer } from './helpers/static-server.ts';
import { launchTestBrowser } from './helpers/test-browser.ts';

const axeSource = readFileSync(path.join(projectRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
// UPDATE_SCREENSHOTS=1 regenerates the README's screenshots (docs/screenshots); otherwise they
// go to test-results/ and nothing in the repository is written.
const readmeShots = process.env.UPDATE_SCREENSHOTS === '1';
const screenshotDir = path.join(projectRoot, readmeShots ? 'docs/screenshots' : 'test-results/screenshots');
/** The seed packet's height at 1280 px before the decision-first page (issue 22): it may only shrink. */
const maxSeedHeight = 4159;
const packetPath = '/packets/cto-work-020/';

interface Visit {
  page: Page;
  /** Console errors, uncaught exceptions and CSP violations seen on this page so far. */
  problems: string[];
}

let workDir: string;
let server: StaticServer;
/** A second site: the base fixture's packet in its safe state plus one packet in each other state. */
let states: StaticServer;
/** The ADR example (examples/adr) and a third kind (test/fixtures/team-decision-site), for the reader tests. */
let adr: StaticServer;
let team: StaticServer;
let seedPages: string[];
let statePages: string[];
let browser: Browser;
let context: BrowserContext;
const visits: Visit[] = [];

/** Opens a page in the shared context and records every problem it reports. */
async function open(
  pathname: string,
  options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number }; site?: StaticServer } = {},
): Promise<Visit> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught on ${page.url()}: ${error.message}`));
  if (options.viewport) await page.setViewportSize(options.viewport);
  await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light' });
  const response = await page.goto(`${(options.site ?? server).origin}${pathname}`, { waitUntil: 'load' });
  expect(response?.status(), pathname).toBe(200);
  const visit = { page, problems };
  visits.push(visit);
  return visit;
}

/** Fails with the problems listed: console errors, page errors and CSP violations. */
async function expectClean(visit: Visit): Promise<void> {
  const violations = await visit.page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
  expect([...visit.problems, ...violations.map((v) => `CSP violation on ${visit.page.url()}: ${v}`)]).toEqual([]);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe-core on the page; returns the serious and critical violations, printable. */
async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // page.evaluate runs through the DevTools protocol, which the page's CSP does not govern; an
  // injected <script> (addScriptTag) would itself be a CSP violation on a page without 'unsafe-inline'.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ passes: unknown[]; violations: AxeViolation[] }> };
      }
    ).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return {
      passes: results.passes.length,
      violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })),
    };
  });
  // axe really ran: the rules that passed on this page are counted too.
  expect(violations.passes, `axe-core ran no rule on ${page.url()}`).toBeGreaterThan(10);
  return violations.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

function describeViolations(where: string, violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.slice(0, 5).map((n) => `    ${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`);
      if (v.nodes.length > 5) nodes.push(`    … and ${v.nodes.length - 5} more element(s)`);
      return `${where}: [${v.impact}] ${v.id} — ${v.help}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/** Every page of a built site as a URL path (directories with an index.html). */
function builtPages(out: string): string[] {
  return readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name === 'index.html')
    .map(
      (entry) =>
        `/${path
          .relative(out, path.join(entry.parentPath, entry.name))
          .replace(/index\.html$/, '')
          .split(path.sep)
          .join('/')}`,
    )
    .filter((pathname) => !pathname.startsWith('/pagefind/'))
    .sort();
}

async function buildSite(name: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const out = path.join(workDir, name, 'dist');
  const build = await runCli('build', [], {
    PACKET_TODAY: '2026-11-24',
    PACKET_OUT_DIR: out,
    PACKET_CACHE_DIR: path.join(workDir, name, 'cache'),
    ...env,
  });
  if (build.code !== 0) throw new Error(`build of ${name} exited ${build.code}:\n${build.stderr}`);
  return out;
}

beforeAll(async () => {
  workDir = makeBuildDir('browser');
  const threeStates = threeStateContent();
  const adrContent = path.join(workDir, 'adr-content');
  cpSync(path.join(projectRoot, 'examples/adr'), adrContent, { recursive: true });
  const teamContent = path.join(workDir, 'team-content');
  cpSync(path.join(fixturesDir, 'team-decision-site'), teamContent, { recursive: true });
  cpSync(path.join(fixturesDir, 'kinds/team-decision.yaml'), path.join(teamContent, 'kinds/team-decision.yaml'));
  const [out, statesOut, adrOut, teamOut] = await Promise.all([
    buildSite('seed'),
    buildSite('states', { PACKET_CONTENT_DIR: threeStates }),
    buildSite('adr', { PACKET_CONTENT_DIR: adrContent }),
    buildSite('team', { PACKET_CONTENT_DIR: teamContent, PACKET_SITE_TITLE: 'Platform decisions' }),
  ]);
  adr = await serveStatic(adrOut);
  team = await serveStatic(teamOut);
  rmSync(path.dirname(threeStates), { recursive: true, force: true });
  seedPages = builtPages(out);
  statePages = builtPages(statesOut);
  server = await serveStatic(out);
  states = await serveStatic(statesOut);
  browser = await launchTestBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  // Record CSP violations from the first script on: the policy is a meta tag on every page.
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`),
    );
  });
  mkdirSync(screenshotDir, { recursive: true });
});

afterEach(async () => {
  for (const visit of visits.splice(0)) await visit.page.close();
});

afterAll(async () => {
  await (browser as Browser | undefined)?.close();
  await (server as StaticServer | undefined)?.close();
  await (states as StaticServer | undefined)?.close();
  await (adr as StaticServer | undefined)?.close();
  await (team as StaticServer | undefined)?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the published packet in Chromium', () => {
  it('lists the packet with its state on the index', async () => {
    const visit = await open('/');
    // The row leads with the title; each gated item by its title, with its status.
    const packetLink = visit.page.getByRole('link', { name: 'CTO Case Provider Decision Packet PRD', exact: true });
    const row = visit.page.getByRole('row').filter({ has: packetLink });
    await expect(row.count()).resolves.toBe(1);
    const text = await row.innerText();
    expect(text).toContain('cto-work-020');
    expect(text).toContain('Not decided — current safe state');
    expect(text).not.toContain('not_decided');
    expect(text).toMatch(/Provider\/model admission for the Case route \(admission authority\)\s*blocked/);
    expect(text).toMatch(/Real Case Stage 2 run\s*blocked/);
    expect(text).toContain('2026-05-31');
    await packetLink.click();
    await visit.page.waitForURL(`${server.origin}${packetPath}`);
    await expectClean(visit);
  });

  it('shows the state, the two other states, the gates and the evidence on the packet page', async () => {
    const { page, ...visit } = await open(packetPath);
    await expect(page.locator('#state').innerText()).resolves.toContain('not_decided is the current safe state');
    await expect(page.locator('#state .state-badge').innerText()).resolves.toMatch(/safe state[\s\S]*Not decided — current safe state/i);
    const facts = await page.getByRole('definition').allInnerTexts();
    expect(facts).toEqual(expect.arrayContaining(['Provider decision', 'jp', 'draft', '2026-05-31']));
    // In the safe state neither other state is recorded: both are folded to their name and use.
    const states = page.locator('#states ~ .state-options > details.state-option');
    await expect(states.count()).resolves.toBe(2);
    await expect(states.evaluateAll((all) => all.map((state) => (state as HTMLDetailsElement).open))).resolves.toEqual([false, false]);
    await expect(page.locator('#state-external-provider-approved').innerText()).resolves.toContain('Branch A — External Provider Approved');
    await expect(page.locator('#state-local-provider-required').innerText()).resolves.toContain('Branch B — Local Provider Required');
    await page.locator('#state-local-provider-required').click();
    for (const field of [
      'provider-class',
      'provider',
      'model',
      'approval-source',
      'credential-source-class',
      'allowed-network-class',
      'review-trigger',
      'evidence-sources',
      'effect',
    ]) {
      await expect(page.locator(`#state-local-provider-required-${field}`).isVisible(), field).resolves.toBe(true);
    }
    const localAdapter = await page.locator('li:has(> #gate-local-adapter)').innerText();
    expect(localAdapter).toContain('CTO-WORK-022');
    expect(localAdapter).toContain('blocked');
    expect(localAdapter).toContain('Stays blocked unless decision_status=local_provider_required');
    await expect(page.locator('li:has(> #gate-stage2)').innerText()).resolves.toMatch(/CASE-STAGE2-REAL-RUN[\s\S]*blocked/);
    await expect(page.locator('#gate-admission-authority').innerText()).resolves.toContain('CTO-WORK-020');
    const evidence = page.locator('.evidence-list > li');
    expect(await evidence.count()).toBeGreaterThan(0);
    const first = evidence.first();
    await expect(first.innerText()).resolves.toMatch(/verified[\s\S]*not counted/);
    await expect(first.getByRole('link', { name: /^[0-9a-f]{40}$/ }).getAttribute('href')).resolves.toMatch(/\/commit\/[0-9a-f]{40}$/);
    await expect(first.getByRole('link', { name: 'the file at this commit' }).getAttribute('href')).resolves.toMatch(
      /\/blob\/[0-9a-f]{40}\//,
    );
    await expect(page.locator('#ac-1').innerText()).resolves.toContain('pass');
    // Each kind of result has its own word and its own colours, never colour alone.
    const results = await page.locator('.result').evaluateAll((all) =>
      all.map((element) => ({
        text: (element as HTMLElement).innerText.trim(),
        look: `${getComputedStyle(element).color} ${getComputedStyle(element).backgroundColor}`,
      })),
    );
    const looks = new Map(results.map((result) => [result.text, result.look]));
    expect([...looks.keys()].sort()).toEqual(['not counted', 'pass', 'stated, not enforced', 'verified']);
    expect(new Set(looks.values()).size).toBe(4);
    await expectClean({ page, ...visit });
  });

  it('opens a folded state or PRD section when a link targets it, by its anchor or its old alias', async () => {
    for (const anchor of ['state-external-provider-approved-provider-class', 'branch-external-provider-approved-provider-class']) {
      const field = await open(`${packetPath}#${anchor}`);
      const row = field.page.locator('#state-external-provider-approved-provider-class');
      await expect(row.isVisible(), anchor).resolves.toBe(true);
      await expect(row.innerText()).resolves.toContain('exactly external_anthropic');
      await expectClean(field);
    }
    // The PRD's own "Decision Branches" section is folded (the page shows the branches above).
    const prd = await open(packetPath);
    await expect(prd.page.locator('#prd-decision-branches').isVisible()).resolves.toBe(false);
    await expect(prd.page.locator('#prd-scope').isVisible()).resolves.toBe(true);
    await prd.page.evaluate(() => (window.location.hash = 'prd-branch-a-external-provider-approved'));
    await expect.poll(() => prd.page.locator('#prd-branch-a-external-provider-approved').isVisible()).toBe(true);
    const top = await prd.page
      .locator('#prd-branch-a-external-provider-approved')
      .evaluate((element) => element.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(450);
    await expectClean(prd);
  });

  it('marks the section being read in the sticky "On this page" list', async () => {
    const visit = await open(`${packetPath}#evidence`);
    const toc = visit.page.getByRole('navigation', { name: 'On this page' });
    await expect.poll(() => toc.locator('a[aria-current]').innerText()).toBe('Evidence');
    await visit.page.mouse.wheel(0, 2000);
    await expect.poll(() => toc.locator('a[aria-current]').innerText()).not.toBe('Evidence');
    const box = await toc.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(900);
    await expectClean(visit);
  });

  it("shows every packet's state badge and label without scrolling, in light, dark and at 390 px", async () => {
    const sites = [
      { site: server, pages: seedPages },
      { site: states, pages: statePages },
    ];
    const labels: string[] = [];
    for (const { site, pages } of sites) {
      for (const pathname of pages.filter((page) => /^\/packets\/[^/]+\/$/.test(page))) {
        for (const view of [
          { colorScheme: 'light' as const },
          { colorScheme: 'dark' as const },
          { viewport: { width: 390, height: 844 } },
        ]) {
          const visit = await open(pathname, { ...view, site });
          const badge = visit.page.locator('#state .state-badge');
          await expect(badge.isVisible()).resolves.toBe(true);
          const box = (await badge.boundingBox())!;
          const height = view.viewport?.height ?? 900;
          expect(box.y + box.height, `${pathname} ${JSON.stringify(view)}`).toBeLessThanOrEqual(height);
          labels.push(await visit.page.locator('#state .state-badge-label').innerText());
          await expectClean(visit);
        }
      }
    }
    expect(new Set(labels)).toEqual(
      new Set(['Not decided — current safe state', 'Branch A — External Provider Approved', 'Branch B — Local Provider Required']),
    );
  });

  it('frames the notices by the state: a recorded state comes first, open, and is not contradicted', async () => {
    const visit = await open('/packets/beta/', { site: states });
    const { page } = visit;
    await expect(page.locator('#state').innerText()).resolves.toContain('external_provider_approved');
    // The kind's notices, framed as what the recorded state does not do by itself.
    const notice = page.getByRole('complementary', { name: 'What recording this state does not do by itself' });
    await expect(notice.innerText()).resolves.toContain('This packet does not approve or admit any provider/model.');
    const options = page.locator('.state-options > details.state-option');
    await expect(options.first().locator('h3').innerText()).resolves.toContain('Branch A');
    await expect(options.evaluateAll((all) => all.map((state) => (state as HTMLDetailsElement).open))).resolves.toEqual([true, false]);
    await expect(options.first().innerText()).resolves.toContain('recorded');
    await expect(page.locator('.packet-meta dd').filter({ hasText: '2027-05-31' }).innerText()).resolves.toMatch(
      /2027-05-31 \(\d+ days left\)/,
    );
    await expectClean(visit);
  });

  it('keeps the seed packet at 1280 px no taller than before the decision-first page', async () => {
    const visit = await open(packetPath);
    const height = await visit.page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`packet page height at 1280 px: ${height} px (at most ${maxSeedHeight})`);
    expect(height).toBeLessThanOrEqual(maxSeedHeight);
    await expectClean(visit);
  });

  it('filters and sorts the index', async () => {
    const visit = await open('/', { site: states });
    const { page } = visit;
    const rows = page.locator('#packet-table tbody tr');
    const visibleIds = () =>
      rows.evaluateAll((all) => all.filter((row) => !(row as HTMLElement).hidden).map((row) => row.querySelector('th code')?.textContent));
    await expect(visibleIds()).resolves.toEqual(['alpha', 'beta', 'gamma']);
    await page.getByLabel('State').selectOption('local_provider_required');
    await expect(visibleIds()).resolves.toEqual(['gamma']);
    await expect(page.getByRole('status').filter({ hasText: 'packets shown' }).innerText()).resolves.toBe('1 of 3 packets shown.');
    expect(new URL(page.url()).search).toBe('?state=local_provider_required');
    await page.getByLabel('State').selectOption('');
    await page.getByRole('button', { name: 'State', exact: true }).click();
    await expect(visibleIds()).resolves.toEqual(['beta', 'gamma', 'alpha']);
    await page.getByRole('button', { name: 'State', exact: true }).click();
    await expect(page.locator('#packet-table th[aria-sort="descending"]').innerText()).resolves.toContain('State');
    await expect(visibleIds()).resolves.toEqual(['alpha', 'gamma', 'beta']);
    // A filtered list can be linked.
    const linked = await open('/work-items/?status=blocked', { site: states });
    await expect(linked.page.getByLabel('Status').inputValue()).resolves.toBe('blocked');
    // A link of the page without JavaScript becomes the select's value.
    const fromLink = await open('/#packet-table-f1-2', { site: states });
    await expect(fromLink.page.getByLabel('State').inputValue()).resolves.toBe('local_provider_required');
    await expect(fromLink.page.locator('#packet-table tbody tr:visible th code').allInnerTexts()).resolves.toEqual(['gamma']);
    await expect(fromLink.page.locator('.filter-links').isVisible()).resolves.toBe(false);
    await expectClean(visit);
    await expectClean(linked);
    await expectClean(fromLink);
  });

  it('filters the index without JavaScript, by plain links', async () => {
    const plain = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    try {
      const page = await plain.newPage();
      await page.goto(`${states.origin}/`);
      const shown = () => page.locator('#packet-table tbody tr:visible th code').allInnerTexts();
      await expect(shown()).resolves.toEqual(['alpha', 'beta', 'gamma']);
      await page.getByRole('link', { name: 'local_provider_required', exact: true }).click();
      await expect.poll(shown).toEqual(['gamma']);
      await page.getByRole('link', { name: 'not_decided', exact: true }).click();
      await expect.poll(shown).toEqual(['alpha']);
      await page.getByRole('link', { name: 'all', exact: true }).first().click();
      await expect.poll(shown).toEqual(['alpha', 'beta', 'gamma']);
      // The header search still works as a plain form: it opens the search page with the query.
      await page.getByRole('searchbox', { name: 'Search the packets' }).fill('DP504');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${states.origin}/search/?q=DP504`);
    } finally {
      await plain.close();
    }
  });

  it("shows the decision record's commits in the git timeline", async () => {
    const visit = await open(packetPath);
    const entries = visit.page.locator('ol.timeline > li');
    expect(await entries.count()).toBeGreaterThanOrEqual(1);
    const entry = await entries.last().innerText();
    expect(entry).toMatch(/^\d{4}-\d{2}-\d{2} /);
    expect(entry).toMatch(/[0-9a-f]{12}/);
    await expect(entries.last().locator('code').first().innerText()).resolves.toBe('not_decided');
    await expectClean(visit);
  });

  it('answers ?at=<commit> with the state the packet held then, and says when a commit is not in its history', async () => {
    const commit = await (await open(packetPath)).page.locator('ol.timeline > li[data-commit]').last().getAttribute('data-commit');
    const at = await open(`${packetPath}?at=${commit!.slice(0, 10)}`);
    const banner = at.page.locator('#state-at');
    await expect(banner.isVisible()).resolves.toBe(true);
    expect(await banner.innerText()).toMatch(
      new RegExp(
        `At commit ${commit!.slice(0, 12)} \\(\\d{4}-\\d{2}-\\d{2}\\) this packet was in state not_decided .*; today it is not_decided`,
      ),
    );
    await expectClean(at);
    const unknown = await open(`${packetPath}?at=${'0'.repeat(40)}`);
    const text = await unknown.page.locator('#state-at').innerText();
    expect(text).toContain("is not in this packet's recorded history");
    expect(text).toContain(`decision-packet explain cto-work-020 --as-of ${'0'.repeat(40)}`);
    const plain = await open(packetPath);
    await expect(plain.page.locator('#state-at').isVisible()).resolves.toBe(false);
    await expectClean(unknown);
  });

  it('has a description and Open Graph meta that preview the state', async () => {
    const visit = await open(packetPath);
    const meta = (selector: string) => visit.page.locator(selector).getAttribute('content');
    await expect(meta('meta[property="og:title"]')).resolves.toContain('cto-work-020');
    await expect(meta('meta[property="og:description"]')).resolves.toContain('not_decided');
    await expect(meta('meta[name="description"]')).resolves.toContain('not_decided');
    await expect(meta('meta[name="description"]')).resolves.toContain('does not approve or admit any provider/model');
    await expectClean(visit);
  });

  it('prints the packet without navigation and link controls', async () => {
    const visit = await open(packetPath);
    await visit.page.emulateMedia({ media: 'print' });
    const hidden = await visit.page.evaluate(() =>
      ['.site-header', '.toc', '.anchor-link', 'section:has(> #link)'].map(
        (selector) => getComputedStyle(document.querySelector(selector)!).display,
      ),
    );
    expect(hidden).toEqual(['none', 'none', 'none', 'none']);
    await expect(visit.page.locator('#states').isVisible()).resolves.toBe(true);
    await expect(visit.page.locator('#acceptance-criteria').isVisible()).resolves.toBe(true);
    await expectClean(visit);
  });

  it('lands on an acceptance criterion from its anchor', async () => {
    const visit = await open(`${packetPath}#ac-5`);
    const target = await visit.page.evaluate(() => {
      const element = document.querySelector(':target');
      if (!element) return null;
      const box = element.getBoundingClientRect();
      return { id: element.id, top: box.top, bottom: box.bottom, height: window.innerHeight, text: element.textContent };
    });
    expect(target).not.toBeNull();
    expect(target!.id).toBe('ac-5');
    expect(target!.text).toContain('structured decision record');
    expect(target!.top).toBeGreaterThanOrEqual(0);
    expect(target!.top).toBeLessThan(target!.height / 2);
    await expectClean(visit);
  });

  it('finds the packet by CTO-WORK-022 with Pagefind under the CSP', async () => {
    const visit = await open('/search/');
    const { page } = visit;
    await page.getByRole('searchbox', { name: /Search packets/ }).fill('CTO-WORK-022');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForFunction(() => /\d+ results? for/.test(document.querySelector('#search-status')?.textContent ?? ''), null, {
      timeout: 15_000,
    });
    const hrefs = await page
      .locator('#search-results li a')
      .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(
      hrefs.some((href) => href === packetPath || href === '/work-items/CTO-WORK-022/'),
      hrefs.join(', '),
    ).toBe(true);
    expect(new URL(page.url()).search).toBe('?q=CTO-WORK-022');
    await expect(page.locator('#search-results mark').first().innerText()).resolves.toBe('CTO-WORK-022');
    // The same search from a shared link, narrowed to packets by the page-type filter.
    const shared = await open('/search/?q=CTO-WORK-022&type=Packet');
    await shared.page.waitForSelector('#search-results li a', { timeout: 15_000 });
    await expect(shared.page.getByLabel('Page').inputValue()).resolves.toBe('Packet');
    const sharedHrefs = await shared.page
      .locator('#search-results > li > a')
      .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
    expect(sharedHrefs).toEqual([packetPath]);
    await expectClean(visit);
    await expectClean(shared);
  });

  it('searches from the header of any page (/ and Ctrl+K) and lands on the matching section', async () => {
    const cases = [
      { key: '/', query: 'DP504', href: '/rules/#dp504', heading: 'DP504' },
      { key: 'Control+k', query: 'CTO-WORK-022', href: `${packetPath}#gate-local-adapter`, heading: 'CTO-WORK-022' },
    ];
    for (const { key, query, href, heading } of cases) {
      const visit = await open('/evidence/');
      const { page } = visit;
      await page.keyboard.press(key);
      const box = page.getByRole('searchbox', { name: 'Search the packets' });
      await expect(box.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
      await page.keyboard.type(query);
      const result = page.locator(`.site-header .search-results a[href="${href}"]`);
      await result.first().waitFor({ timeout: 15_000 });
      await expect(page.locator('.site-header .search-results mark').first().innerText()).resolves.toContain(query);
      await result.first().click();
      await page.waitForURL(`${server.origin}${href}`);
      const target = await page.evaluate(() => {
        const element = document.querySelector(':target');
        return element ? { text: element.textContent, top: element.getBoundingClientRect().top } : null;
      });
      expect(target, href).not.toBeNull();
      expect(target!.text).toContain(heading);
      expect(target!.top).toBeGreaterThanOrEqual(0);
      expect(target!.top).toBeLessThan(450);
      await expectClean(visit);
    }
  });

  it('remembers the theme the reader picks', async () => {
    const visit = await open('/guides/');
    const { page } = visit;
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    const toggle = page.getByRole('button', { name: /^Theme:/ });
    await expect(toggle.innerText()).resolves.toBe('Theme: system');
    await toggle.click();
    await toggle.click();
    await expect(toggle.innerText()).resolves.toBe('Theme: dark');
    expect(await background()).not.toBe(light);
    // Applied before the first paint on the next page (public/theme.js, a script of the site itself).
    const next = await open('/rules/');
    await expect(next.page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    await expect(next.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).resolves.not.toBe(light);
    await next.page.getByRole('button', { name: /^Theme:/ }).click();
    await expect(next.page.evaluate(() => localStorage.getItem('decision-packet-theme'))).resolves.toBeNull();
    await expectClean(visit);
    await expectClean(next);
  });

  it('lays out the guides like a docs site: sidebar, contents, previous and next', async () => {
    const visit = await open('/guides/writing-a-packet/');
    const { page } = visit;
    await expect(
      page.getByRole('navigation', { name: 'Guides' }).getByRole('link', { name: 'Writing a packet' }).getAttribute('aria-current'),
    ).resolves.toBe('page');
    const contents = page.getByRole('navigation', { name: 'On this page' }).getByRole('link');
    expect(await contents.count()).toBeGreaterThan(2);
    const pager = page.getByRole('navigation', { name: 'Previous and next guide' });
    await expect(pager.getByRole('link').allInnerTexts()).resolves.toEqual([
      expect.stringContaining('Overview'),
      expect.stringContaining('Rules reference'),
    ]);
    await pager.getByRole('link', { name: /Rules reference/ }).click();
    await page.waitForURL(`${server.origin}/rules/`);
    await expect(page.locator('h3#dp504').innerText()).resolves.toContain('DP504');
    await expectClean(visit);
  });

  it('copies a link with its anchor, by mouse and by keyboard, and announces it', async () => {
    const visit = await open(packetPath);
    const { page } = visit;
    const status = page.locator('#copy-status');
    await expect(status.getAttribute('role')).resolves.toBe('status');
    await expect(status.getAttribute('aria-live')).resolves.toBe('polite');
    const announced = () => status.evaluate((element) => element.textContent);

    const control = page.locator('#ac-5 [data-copy-link]');
    await expect(control.getAttribute('aria-label')).resolves.toBe('Copy link to acceptance criterion 5');
    await control.click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.origin}${packetPath}#ac-5`);
    await expect.poll(announced).toBe('Copied the link to acceptance criterion 5.');
    await expect(control.innerText()).resolves.toBe('Copied');
    expect(page.url()).toBe(`${server.origin}${packetPath}#ac-5`);

    // By keyboard: the control is reachable and Enter copies.
    const gate = page.locator('#gate-local-adapter [data-copy-link]');
    await gate.focus();
    await expect(gate.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.origin}${packetPath}#gate-local-adapter`);
    await expect.poll(announced).toBe('Copied the link to Local adapter.');

    // A PRD heading has its own copy link.
    await page.locator('#prd-scope [data-copy-link]').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.origin}${packetPath}#prd-scope`);

    // The review snippet: badge plus link, absolute, with its own copy button.
    const snippet = `[![cto-work-020: not_decided](${server.origin}${packetPath}badge.svg)](${server.origin}${packetPath})`;
    await expect(page.locator('#packet-snippet').innerText()).resolves.toBe(snippet);
    await page.getByRole('button', { name: 'Copy markdown' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
    await expect.poll(announced).toBe('Copied the markdown snippet.');
    await expectClean(visit);
  });

  it('serves decision.json, badge.svg, packets.json and a 404 page', async () => {
    const decision = await context.request.get(`${server.origin}${packetPath}decision.json`);
    expect(decision.status()).toBe(200);
    expect(decision.headers()['content-type']).toMatch(/^application\/json/);
    const body = await decision.json();
    expect(body).toMatchObject({ kind: 'provider-decision', state: 'not_decided', safe_state: true });
    expect(body.record.decision_status).toBe('not_decided');
    expect(body.flags.approves_provider).toBe(false);

    const badge = await context.request.get(`${server.origin}${packetPath}badge.svg`);
    expect(badge.status()).toBe(200);
    expect(badge.headers()['content-type']).toBe('image/svg+xml');
    expect(await badge.text()).toMatch(/^<svg[\s\S]*not_decided[\s\S]*<\/svg>\s*$/);

    const packets = await context.request.get(`${server.origin}/packets.json`);
    expect(packets.status()).toBe(200);
    expect((await packets.json()).packets.map((packet: { id: string }) => packet.id)).toEqual(['cto-work-020']);

    const visit = await open(packetPath);
    await expect(
      visit.page.locator('section:has(> #link) img').evaluate((img) => (img as HTMLImageElement).naturalWidth),
    ).resolves.toBeGreaterThan(0);
    await expectClean(visit);

    const missing = await context.request.get(`${server.origin}/packets/no-such-packet/`);
    expect(missing.status()).toBe(404);
    expect(await missing.text()).toContain('Page not found');
  });

  it('moves focus to a visible skip link first, with visible focus outlines', async () => {
    const visit = await open(packetPath);
    const { page } = visit;
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return {
        text: element.textContent,
        href: element.getAttribute('href'),
        left: box.left,
        top: box.top,
        width: box.width,
        height: box.height,
        outline: style.outlineStyle,
        outlineWidth: style.outlineWidth,
        visibility: style.visibility,
      };
    });
    expect(skip.text).toBe('Skip to content');
    expect(skip.href).toBe('#main');
    expect(skip.visibility).toBe('visible');
    expect(skip.width).toBeGreaterThan(0);
    expect(skip.height).toBeGreaterThan(0);
    expect(skip.left).toBeGreaterThanOrEqual(0);
    expect(skip.top).toBeGreaterThanOrEqual(0);
    expect(skip.outline).not.toBe('none');

    // Following the skip link puts the next Tab inside the main content.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const inMain = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const style = getComputedStyle(element);
      return {
        inMain: element.closest('main') !== null,
        tag: element.tagName,
        outline: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
      };
    });
    expect(inMain.inMain).toBe(true);
    expect(inMain.tag).toBe('A');
    expect(inMain.outline).not.toBe('none');
    expect(inMain.outlineWidth).toBeGreaterThanOrEqual(2);
    await expectClean(visit);
  });

  it('has no serious or critical axe-core violation in light and dark', async () => {
    const pages = [
      { pathname: '/' },
      { pathname: packetPath },
      { pathname: '/work-items/' },
      { pathname: '/work-items/CTO-WORK-022/' },
      { pathname: '/evidence/' },
      { pathname: '/evidence/decision-packet-validator/' },
      { pathname: '/rules/' },
      { pathname: '/guides/writing-a-packet/' },
      { pathname: '/search/?q=CTO-WORK-022' },
      { pathname: '/packets/beta/', site: states },
      { pathname: '/packets/gamma/', site: states },
    ];
    const report: string[] = [];
    let checked = 0;
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const { pathname, site } of pages) {
        const visit = await open(pathname, { colorScheme, site });
        if (pathname.startsWith('/search/')) await visit.page.waitForSelector('#search-results li a', { timeout: 15_000 });
        const violations = await seriousViolations(visit.page);
        if (violations.length > 0) report.push(describeViolations(`${pathname} (${colorScheme})`, violations));
        await expectClean(visit);
        checked += 1;
      }
    }
    // The packet page once more at phone width, where wrapping and small controls matter most,
    // with the header search open.
    const phone = await open(packetPath, { viewport: { width: 390, height: 844 } });
    await phone.page.getByRole('searchbox', { name: 'Search the packets' }).fill('DP504');
    await phone.page.locator('.site-header .search-results a').first().waitFor({ timeout: 15_000 });
    const phoneViolations = await seriousViolations(phone.page);
    if (phoneViolations.length > 0) report.push(describeViolations(`${packetPath} (phone)`, phoneViolations));
    await expectClean(phone);
    checked += 1;
    expect(checked).toBe(pages.length * 2 + 1);
    expect(report.join('\n'), report.join('\n')).toBe('');
  });

  it('scrolls no page sideways at 390 px', async () => {
    const sites = [
      { site: server, pages: seedPages },
      { site: states, pages: statePages },
    ];
    const overflowing: string[] = [];
    let measured = 0;
    for (const { site, pages } of sites) {
      for (const pathname of pages) {
        const visit = await open(pathname, { site, viewport: { width: 390, height: 844 } });
        const overflow = await visit.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) overflowing.push(`${pathname} scrolls sideways by ${overflow}px`);
        measured += 1;
        await visit.page.close();
        visits.pop();
      }
    }
    expect(measured).toBeGreaterThan(10);
    expect(overflowing).toEqual([]);
  });

  it('saves screenshots of the index, the packet and a failing check', async () => {
    // The terminal: `npm run check` on content with two mistakes, shown as a terminal would.
    const content = makeContent('DP201-status-typo');
    copyFileSync(
      path.join(fixturesDir, 'DP500-short-commit/evidence/alpha-validator.yaml'),
      path.join(content, 'evidence/alpha-validator.yaml'),
    );
    const check = await runCli('check', ['--format', 'pretty'], { PACKET_CONTENT_DIR: content, PACKET_TODAY: '2026-11-24' });
    rmSync(path.dirname(content), { recursive: true, force: true });
    expect(check.code).toBe(1);
    const output = `${check.stdout}${check.stderr}`.replaceAll(path.dirname(content), '.').trimEnd();
    expect(output).toContain('DP201');

    const shots = [
      {
        name: 'packet-phone-dark',
        pathname: packetPath,
        viewport: { width: 390, height: 844 },
        colorScheme: 'dark' as const,
        fullPage: false,
      },
      { name: 'index', pathname: '/', viewport: { width: 1280, height: 640 }, site: states, fullPage: false },
    ];
    for (const shot of shots) {
      const visit = await open(shot.pathname, { viewport: shot.viewport, colorScheme: shot.colorScheme, site: shot.site });
      const image = await visit.page.screenshot({
        path: path.join(screenshotDir, `${shot.name}.png`),
        fullPage: shot.fullPage,
        animations: 'disabled',
        caret: 'hide',
      });
      expect(image.length).toBeGreaterThan(10_000);
      await expectClean(visit);
    }
    const terminal = await context.newPage();
    await terminal.setViewportSize({ width: 1100, height: 400 });
    await terminal.setContent(terminalPage('npm run check', output));
    const lines = await terminal.locator('pre').innerText();
    expect(lines).toContain('DP201');
    await terminal.locator('.terminal').screenshot({ path: path.join(screenshotDir, 'check-failing.png'), animations: 'disabled' });
    await terminal.close();
  });
});

/** A terminal window as an HTML page (no script): the prompt, the command and its output. */
function terminalPage(command: string, output: string): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = escape(output)
    .replace(/^(\S+:\d+:\d+:)( DP\d+ \S+:)/gm, '<span class="location">$1</span><span class="rule">$2</span>')
    .replace(/^(\s+hint:)/gm, '<span class="hint">$1</span>');
  return `<!doctype html><html><head><style>
    body { margin: 0; background: #e5e7eb; font-family: ui-monospace, 'DejaVu Sans Mono', monospace; }
    .terminal { margin: 16px; border-radius: 8px; overflow: hidden; box-shadow: 0 6px 18px rgb(0 0 0 / 0.25); width: 1060px; }
    .bar { background: #374151; padding: 8px 12px; display: flex; gap: 6px; }
    .bar span { width: 12px; height: 12px; border-radius: 50%; background: #9ca3af; }
    pre { margin: 0; background: #111827; color: #e5e7eb; padding: 14px 16px; font-size: 13px; line-height: 1.5; white-space: pre-wrap; }
    .prompt { color: #6ee7b7; } .location { color: #93c5fd; } .rule { color: #fca5a5; font-weight: bold; } .hint { color: #fcd34d; }
  </style></head><body><div class="terminal"><div class="bar"><span></span><span></span><span></span></div><pre><span class="prompt">$</span> ${escape(command)}\n${body}\n<span class="prompt">$</span> echo $?\n1</pre></div></body></html>`;
}

// Issue 22: a reader of any kind meets the decision first and the reader's words, not the engine's.
const bannedPhrases = [
  'This page exists only because every rule passed',
  'every rule passed',
  'Published only because',
  'A structured decision record of kind',
  'Contract refusal',
  'Link to this branch',
  'none in this state',
  'gate no work item',
  'counts no evidence',
  'No evidence references this packet',
];

describe('the packet page for a reader of any kind', () => {
  const readerPages = () => [
    { name: 'the seed packet', site: server, pathname: packetPath },
    { name: 'an ADR', site: adr, pathname: '/packets/adr-0002/' },
    { name: 'a team decision', site: team, pathname: '/packets/queue/' },
  ];
  const sizes = [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ];

  it('shows the title, the state and the outcome without scrolling, at 1280×800 and 390×844', async () => {
    for (const { name, site, pathname } of readerPages()) {
      for (const viewport of sizes) {
        const visit = await open(pathname, { site, viewport });
        const where = `${name} at ${viewport.width}×${viewport.height}`;
        // The outcome's first statement (the section's first block after its heading) starts on screen.
        const firstScreen = await visit.page.evaluate(() => {
          const top = (selector: string) => document.querySelector(selector)?.getBoundingClientRect().top ?? Infinity;
          return { title: top('h1'), state: top('#state .state-badge-label'), outcome: top('#outcome ~ *') };
        });
        expect(firstScreen.title, where).toBeLessThan(viewport.height);
        expect(firstScreen.state, where).toBeLessThan(viewport.height);
        expect(firstScreen.outcome + 40, where).toBeLessThan(viewport.height);
        await expectClean(visit);
      }
    }
  });

  it("states each kind's own outcome: an ADR's decision outcome, a team decision's consequence and what it blocks", async () => {
    const record = await open('/packets/adr-0002/', { site: adr });
    const outcome = await record.page.locator('section:has(> #outcome)').innerText();
    expect(outcome).toContain('Chosen option: YAML files');
    expect(outcome).toMatch(/Superseded by: adr-0003/i);
    const decided = await open('/packets/queue/', { site: team });
    const teamOutcome = await decided.page.locator('section:has(> #outcome)').innerText();
    expect(teamOutcome).toContain('Q-ROLLOUT may start once a pilot is green.');
    expect(teamOutcome).toMatch(/Roll the queue out\s*blocked\s*— Q-ROLLOUT may run: the option is accepted\./);
    expect(teamOutcome).toMatch(/To move to\s*Superseded: rationale/);
    // A team's site carries its own name (PACKET_SITE_TITLE), not the engine's.
    await expect(decided.page.locator('.brand').innerText()).resolves.toBe('Platform decisions');
    await expect(decided.page.title()).resolves.toMatch(/· Platform decisions$/);
    await expectClean(record);
    await expectClean(decided);
  });

  it('renders no empty section and no sentence about the engine', async () => {
    for (const { name, site, pathname } of [...readerPages(), { name: 'the rules', site: server, pathname: '/rules/' }]) {
      const visit = await open(pathname, { site });
      const text = await visit.page.locator('body').innerText();
      for (const phrase of bannedPhrases) expect(text, `${name}: "${phrase}"`).not.toContain(phrase);
      const empty = await visit.page.evaluate(() =>
        [...document.querySelectorAll('section.packet-section')]
          .filter((section) => [...section.children].every((child) => child.tagName === 'H2' || child.textContent.trim() === ''))
          .map((section) => section.getAttribute('aria-labelledby')),
      );
      expect(empty, name).toEqual([]);
      await expectClean(visit);
    }
    // The ADR has no gated items, evidence or target repositories: those sections are left out.
    const record = await open('/packets/adr-0002/', { site: adr });
    for (const id of ['gated-work-items', 'evidence', 'target-repositories', 'authority'])
      await expect(record.page.locator(`#${id}`).count(), id).resolves.toBe(0);
    await expectClean(record);
  });

  it('keeps the seed page stating all it stated: 13 criteria, both states, the safe state, the gates, the notices', async () => {
    const visit = await open(packetPath);
    await expect(visit.page.locator('.criteria > li').count()).resolves.toBe(13);
    await expect(visit.page.locator('.state-options > details').count()).resolves.toBe(2);
    await expect(visit.page.locator('#state').innerText()).resolves.toContain('not_decided is the current safe state');
    for (const id of ['gate-admission-authority', 'gate-local-adapter', 'gate-stage2', 'authority', 'target-repositories', 'branches'])
      await expect(visit.page.locator(`#${id}`).count(), id).resolves.toBe(1);
    const text = await visit.page.locator('main').innerText();
    expect(text).toContain('This packet is not Stage 2 pass evidence.');
    expect(text).toContain('No Target Repository path may be inspected or copied.');
    expect(text).toContain('CTO_HARNESS_CASE_MODEL_ADMISSION_FILE');
    await expectClean(visit);
  });

  it('has no serious or critical axe-core violation on the ADR and the team decision', async () => {
    const report: string[] = [];
    for (const { name, site, pathname } of readerPages().slice(1)) {
      for (const viewport of sizes) {
        const visit = await open(pathname, { site, viewport });
        const violations = await seriousViolations(visit.page);
        if (violations.length > 0) report.push(describeViolations(`${name} ${viewport.width}`, violations));
        await expectClean(visit);
      }
    }
    expect(report.join('\n'), report.join('\n')).toBe('');
  });
});
