// Commit and file links (src/core/links.ts), which the site uses for every evidence reference.
import { describe, expect, it } from 'vitest';
import { commitUrl, fileUrl, linkStyle, repositoryBaseUrl } from '../src/core/links.ts';

const sha = '0123456789abcdef0123456789abcdef01234567';

describe('commit and file links', () => {
  it('forms GitHub links, trimming a trailing slash and .git', () => {
    const repository = { url: 'https://github.com/example/product.git/' };
    expect(commitUrl(repository, sha)).toBe(`https://github.com/example/product/commit/${sha}`);
    expect(fileUrl(repository, sha, 'docs/read me.md')).toBe(`https://github.com/example/product/blob/${sha}/docs/read%20me.md`);
  });

  it('forms GitLab links for gitlab.com and self-hosted GitLab hosts', () => {
    expect(commitUrl({ url: 'https://gitlab.com/group/sub/product' }, sha)).toBe(`https://gitlab.com/group/sub/product/-/commit/${sha}`);
    expect(fileUrl({ url: 'https://gitlab.example.com/team/product' }, sha, 'a/b#c.md')).toBe(
      `https://gitlab.example.com/team/product/-/blob/${sha}/a/b%23c.md`,
    );
  });

  it('uses explicit templates for other hosts, encoding each path segment', () => {
    const repository = {
      url: 'https://codeberg.org/team/product',
      commit_url_template: 'https://codeberg.org/team/product/commit/{commit}',
      file_url_template: 'https://codeberg.org/team/product/src/commit/{commit}/{path}',
    };
    expect(commitUrl(repository, sha)).toBe(`https://codeberg.org/team/product/commit/${sha}`);
    expect(fileUrl(repository, sha, 'docs/100$&.md')).toBe(`https://codeberg.org/team/product/src/commit/${sha}/docs/100%24%26.md`);
  });

  it('gives no link for another host without templates', () => {
    expect(commitUrl({ url: 'https://git.example.org/team/product' }, sha)).toBeUndefined();
    expect(fileUrl({ url: 'https://git.example.org/team/product' }, sha, 'a.md')).toBeUndefined();
  });

  it('knows hosts and trims base URLs', () => {
    expect(linkStyle('https://github.com/a/b')).toBe('github');
    expect(linkStyle('https://gitlab.com/a/b')).toBe('gitlab');
    expect(linkStyle('https://code.gitlab.internal/a/b')).toBe('gitlab');
    expect(linkStyle('https://example.org/a/b')).toBeUndefined();
    expect(repositoryBaseUrl('https://github.com/a/b.git//')).toBe('https://github.com/a/b');
  });
});
