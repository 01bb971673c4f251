// PRD headings get stable anchors: `prd-<slug of the heading text>`, de-duplicated in document
// order, each with a copy link; the packet page folds the PRD sections it already shows.
import { describe, expect, it } from 'vitest';
import { headingSlug } from '../src/markdown/heading-slug.ts';
import { renderPrd } from '../src/site/prd-html.ts';
import { prdSections } from '../src/components/packet/prd-sections.ts';

const ids = (html: string) => [...html.matchAll(/<h\d id="([^"]+)"/g)].map((match) => match[1]);

describe('PRD heading anchors', () => {
  it('slugs the heading text: lowercase ASCII letters and digits joined by -', () => {
    expect(headingSlug('Risks And Dependencies')).toBe('risks-and-dependencies');
    expect(headingSlug('Branch A - External Provider Approved')).toBe('branch-a-external-provider-approved');
    expect(headingSlug('Überblick: `code` & more!')).toBe('uberblick-code-more');
    expect(headingSlug('***')).toBe('section');
  });

  it('gives every heading its own id, in document order, the same on every render', () => {
    const body = '# Title\n\n## Scope\n\ntext\n\n## Scope\n\n### Scope 2\n\n## Scope\n';
    const first = renderPrd(body).html;
    expect(ids(first)).toEqual(['prd-title', 'prd-scope', 'prd-scope-2', 'prd-scope-2-2', 'prd-scope-3']);
    expect(renderPrd(body).html).toBe(first);
  });

  it('puts a copy link to itself in each heading, left out of the search index', () => {
    const html = renderPrd('## Problem Statement\n\ntext\n').html;
    expect(html).toContain(
      '<h4 id="prd-problem-statement">Problem Statement <a class="anchor-link" href="#prd-problem-statement" data-copy-link=""',
    );
    expect(html).toContain('data-pagefind-ignore=""');
    expect(html).toContain('aria-label="Copy link to the PRD section Problem Statement"');
  });

  it('slugs what the heading shows: raw HTML tags are dropped, their text stays text', () => {
    const html = renderPrd('## Safe <script>alert(1)</script> heading\n').html;
    expect(html).not.toContain('<script');
    expect(ids(html)).toEqual(['prd-safe-alert-1-heading']);
  });
});

describe('PRD sections', () => {
  const html = renderPrd(
    '# The PRD\n\nPreamble.\n\n## Scope\n\n- a\n\n## Decision Branches\n\n### Branch A\n\ntext\n\n## Acceptance Criteria\n\n- one\n',
  ).html;

  it('splits at the top level below the title, the preamble first', () => {
    const sections = prdSections(html);
    expect(sections.map((section) => section.id)).toEqual([undefined, 'prd-scope', 'prd-decision-branches', 'prd-acceptance-criteria']);
    expect(sections[0]!.html).toContain('Preamble.');
    expect(sections[2]!.html).toContain('id="prd-branch-a"');
    expect(sections.map((section) => section.html).join('')).toBe(html);
  });

  it('leaves out a title heading that repeats the page title', () => {
    const sections = prdSections(html, 'The PRD');
    expect(sections[0]!.html).not.toContain('prd-the-prd');
    expect(sections[0]!.html).toContain('Preamble.');
  });
});
