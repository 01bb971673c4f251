// The published packet in a real browser: the shipped content is built once as a whole process,
// served from a local static server and driven with the Chromium that `npm install` brings
// (test/helpers/test-browser.ts; never a downloaded one).
// Every page visited must log no console error, throw nothing and break no CSP directive.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/fixtures.ts';
import { makeBuildDir, runCli } from './helpers/run.ts';
import { serveStatic, type StaticServer } from './helpers/static-server.ts';
import { launchTestBrowser } from './helpers/test-browser.ts';

const axeSource = readFileSync(path.join(projectRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
const screenshotDir = path.join(projectRoot, 'test-results/screenshots');
const packetPath = '/packets/cto-work-020/';

interface Visit {
  page: Page;
  /** Console errors, uncaught exceptions and CSP violations seen on this page so far. */
  problems: string[];
}

let workDir: string;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
const visits: Visit[] = [];

/** Opens a page in the shared context and records every problem it reports. */
async function open(pathname: string, options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {}): Promise<Visit> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught on ${page.url()}: ${error.message}`));
  if (options.viewport) await page.setViewportSize(options.viewport);
  await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light' });
  const response = await page.goto(`${server.origin}${pathname}`, { waitUntil: 'load' });
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
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ passes: unknown[]; violations: AxeViolation[] }> } }).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return {
      passes: results.passes.length,
      violations: results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })),
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

beforeAll(async () => {
  workDir = makeBuildDir('browser');
  const out = path.join(workDir, 'dist');
  const build = await runCli('build', [], { PACKET_TODAY: '2026-11-24', PACKET_OUT_DIR: out, PACKET_CACHE_DIR: path.join(workDir, 'cache') });
  if (build.code !== 0) throw new Error(`build exited ${build.code}:\n${build.stderr}`);
  server = await serveStatic(out);
  browser = await launchTestBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  // Record CSP violations from the first script on: the policy is a meta tag on every page.
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`));
  });
  mkdirSync(screenshotDir, { recursive: true });
});

afterEach(async () => {
  for (const visit of visits.splice(0)) await visit.page.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the published packet in Chromium', () => {
  it('lists the packet with its state on the index', async () => {
    const visit = await open('/');
    const packetLink = visit.page.getByRole('link', { name: 'cto-work-020', exact: true });
    const row = visit.page.getByRole('row').filter({ has: packetLink });
    await expect(row.count()).resolves.toBe(1);
    const text = await row.innerText();
    expect(text).toContain('not_decided');
    expect(text).toContain('CTO-WORK-020');
    await packetLink.click();
    await visit.page.waitForURL(`${server.origin}${packetPath}`);
    await expectClean(visit);
  });

  it('shows the state, the two branches, the gates and the evidence on the packet page', async () => {
    const { page, ...visit } = await open(packetPath);
    await expect(page.locator('#state').innerText()).resolves.toContain('not_decided is the current safe state');
    const branches = page.locator('#branches section.branch');
    await expect(branches.count()).resolves.toBe(2);
    await expect(page.locator('#branch-external-provider-approved h3').innerText()).resolves.toContain('Branch A — External Provider Approved');
    await expect(page.locator('#branch-local-provider-required h3').innerText()).resolves.toContain('Branch B — Local Provider Required');
    for (const field of ['provider-class', 'provider', 'model', 'approval-source', 'credential-source-class', 'allowed-network-class', 'review-trigger', 'evidence-sources', 'effect']) {
      await expect(page.locator(`#branch-local-provider-required-${field}`).isVisible(), field).resolves.toBe(true);
    }
    const localAdapter = await page.locator('#gate-local-adapter').innerText();
    expect(localAdapter).toContain('CTO-WORK-022');
    expect(localAdapter).toContain('blocked');
    expect(localAdapter).toContain('Stays blocked unless decision_status=local_provider_required');
    await expect(page.locator('#gate-stage2').innerText()).resolves.toMatch(/CASE-STAGE2-REAL-RUN[\s\S]*blocked/);
    await expect(page.locator('#gate-admission-authority').innerText()).resolves.toContain('CTO-WORK-020');
    const evidence = page.locator('#evidence .evidence-list > li');
    expect(await evidence.count()).toBeGreaterThan(0);
    const first = evidence.first();
    await expect(first.getByRole('link', { name: /^[0-9a-f]{40}$/ }).getAttribute('href')).resolves.toMatch(/\/commit\/[0-9a-f]{40}$/);
    await expect(first.getByRole('link', { name: 'the file at this commit' }).getAttribute('href')).resolves.toMatch(/\/blob\/[0-9a-f]{40}\//);
    await expectClean({ page, ...visit });
  });

  it('shows the decision record\'s commits in the git timeline', async () => {
    const visit = await open(packetPath);
    const entries = visit.page.locator('#history ol.timeline > li');
    expect(await entries.count()).toBeGreaterThanOrEqual(1);
    const entry = await entries.last().innerText();
    expect(entry).toMatch(/^\d{4}-\d{2}-\d{2} /);
    expect(entry).toMatch(/[0-9a-f]{12}/);
    await expect(entries.last().locator('code').first().innerText()).resolves.toBe('not_decided');
    await expectClean(visit);
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
      ['.site-header', '.toc', '.anchor-link', '#link'].map((selector) => getComputedStyle(document.querySelector(selector)!).display),
    );
    expect(hidden).toEqual(['none', 'none', 'none', 'none']);
    await expect(visit.page.locator('#branches').isVisible()).resolves.toBe(true);
    await expect(visit.page.locator('#acceptance-criteria').isVisible()).resolves.toBe(true);
    await expectClean(visit);
  });

  it('lands on an acceptance criterion from its anchor', async () => {
    const visit = await open(`${packetPath}#ac-5`);
    const target = await visit.page.evaluate(() => {
      const element = document.querySelector(':target');
      if (!element) return null;
      const box = element.getBoundingClientRect();
      return { id: element.id, top: box.top, bottom: box.bottom, height: window.innerHeight, text: element.textContent ?? '' };
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
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForFunction(() => /\d+ results? for/.test(document.querySelector('#search-status')?.textContent ?? ''), null, { timeout: 15_000 });
    const hrefs = await page.locator('#search-results li a').evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.some((href) => href === packetPath || href === '/work-items/CTO-WORK-022/'), hrefs.join(', ')).toBe(true);
    expect(new URL(page.url()).search).toBe('?q=CTO-WORK-022');
    // The same search from a shared link.
    const shared = await open('/search/?q=CTO-WORK-022');
    await shared.page.waitForSelector('#search-results li a', { timeout: 15_000 });
    const sharedHrefs = await shared.page.locator('#search-results li a').evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
    expect(sharedHrefs).toContain(packetPath);
    await expectClean(visit);
    await expectClean(shared);
  });

  it('copies a link with its anchor, by mouse and by keyboard, and announces it', async () => {
    const visit = await open(packetPath);
    const { page } = visit;
    const status = page.locator('#copy-status');
    await expect(status.getAttribute('role')).resolves.toBe('status');
    await expect(status.getAttribute('aria-live')).resolves.toBe('polite');
    const announced = () => status.evaluate((element) => element.textContent ?? '');

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
    await expect(visit.page.locator('#link img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).resolves.toBeGreaterThan(0);
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
      return { text: element.textContent, href: element.getAttribute('href'), left: box.left, top: box.top, width: box.width, height: box.height, outline: style.outlineStyle, outlineWidth: style.outlineWidth, visibility: style.visibility };
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
      return { inMain: element.closest('main') !== null, tag: element.tagName, outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) };
    });
    expect(inMain.inMain).toBe(true);
    expect(inMain.tag).toBe('A');
    expect(inMain.outline).not.toBe('none');
    expect(inMain.outlineWidth).toBeGreaterThanOrEqual(2);
    await expectClean(visit);
  });

  it('has no serious or critical axe-core violation in light and dark', async () => {
    const pages = [
      '/',
      packetPath,
      '/work-items/CTO-WORK-022/',
      '/evidence/decision-packet-validator/',
      '/rules/',
      '/search/?q=CTO-WORK-022',
    ];
    const report: string[] = [];
    let checked = 0;
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const pathname of pages) {
        const visit = await open(pathname, { colorScheme });
        if (pathname.startsWith('/search/')) await visit.page.waitForSelector('#search-results li a', { timeout: 15_000 });
        const violations = await seriousViolations(visit.page);
        if (violations.length > 0) report.push(describeViolations(`${pathname} (${colorScheme})`, violations));
        await expectClean(visit);
        checked += 1;
      }
    }
    // The packet page once more at phone width, where wrapping and small controls matter most.
    const phone = await open(packetPath, { viewport: { width: 390, height: 844 } });
    const phoneViolations = await seriousViolations(phone.page);
    if (phoneViolations.length > 0) report.push(describeViolations(`${packetPath} (phone)`, phoneViolations));
    await expectClean(phone);
    checked += 1;
    expect(checked).toBe(13);
    expect(report.join('\n'), report.join('\n')).toBe('');
  });

  it('saves screenshots of the index and the packet at desktop and phone widths', async () => {
    const shots = [
      { name: 'index-desktop', pathname: '/', viewport: { width: 1280, height: 900 } },
      { name: 'index-phone', pathname: '/', viewport: { width: 390, height: 844 } },
      { name: 'packet-desktop', pathname: packetPath, viewport: { width: 1280, height: 900 } },
      { name: 'packet-phone', pathname: packetPath, viewport: { width: 390, height: 844 } },
      { name: 'packet-desktop-dark', pathname: packetPath, viewport: { width: 1280, height: 900 }, colorScheme: 'dark' as const },
      { name: 'packet-phone-dark', pathname: packetPath, viewport: { width: 390, height: 844 }, colorScheme: 'dark' as const },
    ];
    for (const shot of shots) {
      const visit = await open(shot.pathname, { viewport: shot.viewport, colorScheme: shot.colorScheme });
      const file = path.join(screenshotDir, `${shot.name}.png`);
      const image = await visit.page.screenshot({ path: file, fullPage: true });
      expect(image.length).toBeGreaterThan(10_000);
      // Nothing may scroll sideways, on a phone least of all: a reader would pan to read each line.
      const overflow = await visit.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${shot.name} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
      await expectClean(visit);
    }
  });
});
