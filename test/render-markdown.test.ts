// PRD markdown is data, not code: renderPrd() drops raw HTML and every link that is not http(s),
// mailto or relative, and the built packet page holds none of it. Acceptance criteria get stable
// anchors: `ac-<n>` by position, `ac-<name>` for an item ending in `{#name}`.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPrd } from '../src/site/prd-html.ts';
import { fixturesDir, makeContent } from './helpers/fixtures.ts';
import { makeBuildDir, runCli, type RunResult } from './helpers/run.ts';

/** The body of a fixture PRD (after its frontmatter) and the line it starts on. */
function fixturePrd(fixture: string): { body: string; bodyLine: number } {
  const text = readFileSync(path.join(fixturesDir, fixture, 'prds/alpha.md'), 'utf8');
  const match = /^---\n[\s\S]*?\n---\n/.exec(text)!;
  return { body: text.slice(match[0].length), bodyLine: match[0].split('\n').length };
}

/** Every href and src attribute value in an HTML fragment. */
function urlAttributes(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)\s*=\s*"([^"]*)"/gi)].map((match) => match[1]!);
}

/** http(s), mailto, or relative (no scheme before the first /, ? or #). */
function isAllowedUrl(value: string): boolean {
  const decoded = value.replace(/&#x?[0-9a-f]+;/gi, ':').trim();
  if (/^(https?:|mailto:)/i.test(decoded)) return true;
  const colon = decoded.indexOf(':');
  return colon === -1 || /[/?#]/.test(decoded.slice(0, colon));
}

/** Raw-HTML and script vectors a rendered PRD must never contain. */
function expectNoActiveMarkup(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<iframe/i);
  expect(html).not.toMatch(/<(object|embed|style|form|input|svg|math)\b/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/\sstyle\s*=/i);
  for (const value of urlAttributes(html)) expect(isAllowedUrl(value), value).toBe(true);
}

describe('renderPrd: raw HTML is dropped', () => {
  it.each([
    ['a block <script>', '<script>document.title = "pwned"</script>\n', /pwned/],
    ['a block <div> with an event handler and a style', '<div onmouseover="pwned()" style="position:fixed">pwned</div>\n', /pwned/],
    ['an <iframe>', '<iframe src="https://evil.example/"></iframe>\n', /evil\.example/],
    ['an inline <img onerror>', 'Text <img src="x" onerror="pwned()"> more.\n', /pwned|<img/],
    ['an inline <span> with style and onclick', 'A <span style="color:red" onclick="pwned()">word</span>.\n', /pwned|color:red/],
    ['a raw <a> with onclick', 'A <a href="https://example.org/" onclick="pwned()">link</a>.\n', /pwned/],
    ['a <style> block', '<style>body { display: none }</style>\n', /display: none/],
    ['an HTML comment', '<!-- <script>pwned()</script> -->\n', /pwned/],
  ])('%s', (_name, markdown, leftover) => {
    const { html } = renderPrd(`# Title\n\n${markdown}\nAfter.\n`);
    expectNoActiveMarkup(html);
    expect(html).not.toMatch(leftover);
    // The markdown around it still renders.
    expect(html).toContain('<p>After.</p>');
  });

  it('keeps the text between inline tags only as inert, escaped text', () => {
    const { html } = renderPrd('Before <script>pwned()</script> after.\n');
    expectNoActiveMarkup(html);
    expect(html).toBe('<p>Before pwned() after.</p>');
  });
});

describe('renderPrd: only http(s), mailto and relative links survive', () => {
  it.each([
    ['javascript:', '[x](javascript:pwned())'],
    ['upper-case JAVASCRIPT:', '[x](JAVASCRIPT:pwned())'],
    ['mixed-case JaVaScRiPt:', '[x](JaVaScRiPt:pwned())'],
    ['a tab entity inside the scheme', '[x](java&#x09;script:pwned())'],
    ['a newline entity inside the scheme', '[x](java&#10;script:pwned())'],
    ['an entity-encoded first letter', '[x](&#106;avascript:pwned())'],
    ['a percent-encoded tab', '[x](java%09script:pwned())'],
    ['leading spaces', '[x](   javascript:pwned())'],
    ['an angle-bracket destination', '[x](<javascript:pwned()>)'],
    ['a reference definition', '[x][ref]\n\n[ref]: javascript:pwned()'],
    ['an autolink', '<javascript:pwned()>'],
    ['data:', '[x](data:text/html;base64,PHNjcmlwdD5wd25lZDwvc2NyaXB0Pg==)'],
    ['a data: image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9InB3bmVkIi8+)'],
    ['vbscript:', '[x](vbscript:pwned)'],
    ['upper-case VBSCRIPT:', '[x](VBSCRIPT:pwned)'],
    ['file:', '[x](file:///etc/passwd)'],
    ['a javascript: image', '![x](javascript:pwned())'],
  ])('removes %s', (_name, markdown) => {
    const { html } = renderPrd(`${markdown}\n`);
    expectNoActiveMarkup(html);
    expect(urlAttributes(html)).toEqual([]);
    expect(html).not.toMatch(/(href|src)=/);
  });

  it.each([
    ['https', '[x](https://example.org/a?b=c#d)', 'https://example.org/a?b=c#d'],
    ['http', '[x](http://example.org/)', 'http://example.org/'],
    ['mailto', '[x](mailto:review@example.org)', 'mailto:review@example.org'],
    ['a relative path', '[x](../../rules/)', '../../rules/'],
    ['a site path', '[x](/packets/alpha/)', '/packets/alpha/'],
    ['a fragment', '[x](#ac-1)', '#ac-1'],
    ['a relative path with a colon after the slash', '[x](notes/a:b)', 'notes/a:b'],
    ['an https autolink', '<https://example.org/auto>', 'https://example.org/auto'],
  ])('keeps %s', (_name, markdown, href) => {
    const { html } = renderPrd(`${markdown}\n`);
    expect(urlAttributes(html)).toEqual([href]);
  });
});

describe('acceptance-criteria anchors', () => {
  const prd = (items: string[]) =>
    `# PRD\n\n## Scope\n\n- not a criterion\n\n## Acceptance Criteria\n\n${items.map((item) => `- ${item}`).join('\n')}\n\n## Validation\n\n- not a criterion either\n`;

  it('numbers the criteria by position: ac-1, ac-2, …', () => {
    const { criteria } = renderPrd(prd(['First.', 'Second.', 'Third.']));
    expect(criteria.map((c) => [c.anchor, c.text])).toEqual([
      ['ac-1', 'First.'],
      ['ac-2', 'Second.'],
      ['ac-3', 'Third.'],
    ]);
  });

  it('gives an item ending in {#name} the anchor ac-name, in its position', () => {
    const { criteria } = renderPrd(prd(['First.', 'Second. {#second-one}', 'Third.']));
    expect(criteria.map((c) => c.anchor)).toEqual(['ac-1', 'ac-second-one', 'ac-3']);
  });

  it('never shows the {#name} marker: not in the text, the criterion HTML or the PRD HTML', () => {
    const { criteria, html } = renderPrd(prd(['Has `code` and [a link](https://example.org/). {#named}']));
    expect(criteria[0]!.text).toBe('Has code and a link.');
    expect(criteria[0]!.html).toBe('Has <code>code</code> and <a href="https://example.org/">a link</a>.');
    expect(html).not.toContain('{#');
    expect(html).toContain('<li>Has <code>code</code> and <a href="https://example.org/">a link</a>.</li>');
  });

  it('keeps an anchor when its criterion is reworded, and a named anchor when one is inserted above it', () => {
    const original = fixturePrd('render-unsafe-markdown');
    const reworded = fixturePrd('render-criteria-reworded');
    const before = renderPrd(original.body, original.bodyLine).criteria;
    const after = renderPrd(reworded.body, reworded.bodyLine).criteria;
    expect(before.map((c) => c.anchor)).toEqual(['ac-1', 'ac-safe-one', 'ac-3', 'ac-no-approval']);
    expect(after.map((c) => c.anchor)).toEqual(['ac-1', 'ac-safe-one', 'ac-3', 'ac-4', 'ac-no-approval']);
    // Reworded in place: the same anchor, a different text.
    for (const anchor of ['ac-1', 'ac-safe-one', 'ac-no-approval']) {
      const old = before.find((c) => c.anchor === anchor)!;
      const now = after.find((c) => c.anchor === anchor)!;
      expect(now.text, anchor).not.toBe(old.text);
    }
    // An unnamed criterion below an insertion moves: name the ones reviews link to.
    expect(after.find((c) => c.anchor === 'ac-4')!.text).toBe('Packet keeps raw HTML out of the criteria.');
  });

  it('drops raw HTML and unsafe links from a criterion, its text included', () => {
    const { criteria } = renderPrd(prd(['Keeps <script>pwned()</script> out of [here](javascript:pwned()). {#safe}']));
    expect(criteria[0]!.anchor).toBe('ac-safe');
    expect(criteria[0]!.text).not.toContain('<script');
    expect(criteria[0]!.html).toBe('Keeps pwned() out of <a>here</a>.');
  });

  it('reports each criterion at its line in the PRD file', () => {
    const original = fixturePrd('render-unsafe-markdown');
    const lines = readFileSync(path.join(fixturesDir, 'render-unsafe-markdown/prds/alpha.md'), 'utf8').split('\n');
    for (const criterion of renderPrd(original.body, original.bodyLine).criteria) {
      expect(lines[criterion.line - 1], criterion.anchor).toMatch(/^- Packet /);
    }
  });
});

describe('building a PRD full of unsafe markdown', () => {
  let workDir: string;
  let result: RunResult;
  let html: string;
  let main: string;

  beforeAll(async () => {
    workDir = makeBuildDir('render');
    const content = makeContent('render-unsafe-markdown');
    const out = path.join(workDir, 'dist');
    result = await runCli('build', [], {
      PACKET_TODAY: '2026-11-24',
      PACKET_CONTENT_DIR: content,
      PACKET_OUT_DIR: out,
      PACKET_CACHE_DIR: path.join(workDir, 'cache'),
    });
    if (result.code !== 0) throw new Error(`build exited ${result.code}:\n${result.stderr}`);
    html = readFileSync(path.join(out, 'packets/alpha/index.html'), 'utf8');
    main = /<main[\s\S]*<\/main>/.exec(html)![0];
    rmSync(content, { recursive: true, force: true });
  });

  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('publishes the packet page with the PRD rendered', () => {
    expect(result.code).toBe(0);
    expect(main).toContain('A PRD whose markdown tries everything a page must not run.');
    expect(main).toContain('<a href="https://example.org/safe">safe https</a>');
    expect(main).toContain('<a href="mailto:review@example.org">safe mailto</a>');
    expect(main).toContain('<a href="../../rules/">safe relative</a>');
    expect(main).toContain('<a href="#ac-safe-one">safe fragment</a>');
  });

  it('holds no raw HTML, event handler, style attribute or unsafe link from the PRD', () => {
    expectNoActiveMarkup(main);
    for (const leftover of [
      'pwned-block-script',
      'pwned block div',
      'pwnedDivHandler',
      'pwnedImgHandler',
      'pwnedSpanHandler',
      'pwnedRawLink',
      'evil.example',
      'pwnedJs',
      'pwnedUpper',
      'pwnedTab',
      'pwnedEntity',
      'pwnedVb',
      'pwnedReference',
      'pwnedCriterionLink',
      'PHNjcmlwdD5wd25lZDwvc2NyaXB0Pg',
      'PHN2ZyBvbmxvYWQ9InB3bmVkIi8',
    ]) {
      expect(html, leftover).not.toContain(leftover);
    }
    // The page's only scripts are the site's own modules, allowed by hash in its CSP.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      // The theme the reader picked, applied before the first paint: the site's own file, no body.
      if (attributes === ' src="/theme.js"') {
        expect(body).toBe('');
        continue;
      }
      // Inline modules (allowed by hash), or the site's own bundled chunks (e.g. the header search).
      expect(attributes).toMatch(/^ type="module"(?: src="\/_astro\/[\w.-]+\.js")?$/);
      expect(body).not.toMatch(/pwned/i);
    }
  });

  it('anchors each criterion, by position or by name, and never shows the {#name} marker', () => {
    for (const anchor of ['ac-1', 'ac-safe-one', 'ac-3', 'ac-no-approval']) expect(main).toContain(`<li id="${anchor}">`);
    expect(main).not.toContain('{#');
    expect(main).toMatch(/<li id="ac-safe-one"><span>Packet names a criterion reviews link to\.<\/span>/);
  });

  it('keeps raw HTML out of decision.json too', () => {
    const decision = JSON.parse(readFileSync(path.join(workDir, 'dist/packets/alpha/decision.json'), 'utf8'));
    const criteria = decision.acceptance_criteria as { anchor: string; text: string }[];
    expect(criteria.map((c) => c.anchor)).toEqual(['ac-1', 'ac-safe-one', 'ac-3', 'ac-no-approval']);
    for (const criterion of criteria) {
      expect(criterion.text).not.toMatch(/<|\{#|javascript:/i);
    }
  });
});

describe('images in PRD markdown', () => {
  it('are dropped: a relative one would not be published and the CSP blocks remote ones', () => {
    const { html } = renderPrd('![diagram](https://example.com/d.png) and ![local](../../secret.png)\n');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('secret.png');
  });
});
