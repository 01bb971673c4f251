// Look-alike names and URLs: a name hidden by case, width, compatibility forms, format characters
// or camelCase is still the name; a target repository URL written another way is still its URL;
// a target path_prefix may end in "/".
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nameForms, normalizeName } from '../src/core/normalize-name.ts';
import { repositoryUrlKey, sameRepositoryUrl } from '../src/gates/target-repository.ts';
import { compileTerms } from '../src/kinds/term-match.ts';
import { validate } from '../src/validate/validate.ts';
import { fixturesDir, makeContent } from './helpers/fixtures.ts';

// Terms of a made-up kind: the matcher is generic.
const matches = compileTerms(['acme', 'zeta-9']);

describe('names compared after normalising', () => {
  it('finds a term in camelCase, PascalCase, with a suffix or prefix word, in any case or width', () => {
    for (const text of [
      'MyAcmeProvider',
      'acmeClient',
      'useAcme',
      'ACME',
      'Acme',
      'ＡＣＭＥ',
      'ａｃｍｅ cloud',
      'the AcmeAPI',
      'Zeta-9 model',
      'ZETA-9',
    ])
      expect(matches(text), text).toBe(true);
  });

  it('finds a term hidden by a soft hyphen, zero-width characters or a BOM', () => {
    for (const text of ['ac\u00adme', 'a\u200bcme', 'ac\u200dme', '\ufeffacme', 'my\u200bacme', 'ze\u00adta-9'])
      expect(matches(text), JSON.stringify(text)).toBe(true);
  });

  it('still needs a whole word: a longer word that only contains the term is not it', () => {
    for (const text of ['acmes', 'macme', 'Acmeville', 'zeta-90', 'local-only']) expect(matches(text), text).toBe(false);
  });

  it('gives the forms it matches against', () => {
    expect(nameForms('MyAcmeProvider')).toEqual(['myacmeprovider', 'my acme provider']);
    expect(normalizeName('Ａc\u00adme')).toBe('acme');
  });

  it('refuses a camelCase external provider in a Branch B record (DP401)', async () => {
    const content = makeContent('DP401-local-look-alike-passes');
    const decision = readFileSync(path.join(content, 'decisions/alpha.yaml'), 'utf8');
    const provider = ['My', 'Anthropic', 'Provider'].join('');
    writeFileSync(
      path.join(content, 'decisions/alpha.yaml'),
      decision.replace('provider: ollama', `provider: ${provider}`).replace('model: llama-3-8b-gptq', `model: "llama-3-8b\u00adgptq"`),
    );
    const result = await validate({ contentDir: content, cwd: path.dirname(content), today: '2026-11-24', env: {} });
    rmSync(path.dirname(content), { recursive: true, force: true });
    expect(result.issues.filter((issue) => issue.ruleId === 'DP401')).toEqual([expect.objectContaining({ field: 'provider', line: 8 })]);
  });
});

describe('target repository URLs compared after normalising', () => {
  it('treats www., default ports, doubled slashes, case, trailing slashes and .git as the same repository', () => {
    const target = 'https://github.com/example/target';
    for (const url of [
      'https://www.github.com/example/target',
      'https://github.com:443/example/target',
      'http://github.com:80/example/target',
      'https://github.com//example//target',
      'HTTPS://GitHub.COM/Example/Target/',
      'https://github.com/example/target.git/',
      'https://user@github.com/example/target?tab=readme#top',
      'https://github.com./example/target',
    ])
      expect(sameRepositoryUrl(target, url), url).toBe(true);
    for (const url of [
      'https://github.com/example/target-tools',
      'https://github.com:8443/example/target',
      'https://gitlab.com/example/target',
      'https://github.com/example',
    ]) {
      expect(sameRepositoryUrl(target, url), url).toBe(false);
    }
    expect(repositoryUrlKey('https://www.Example.org:443//a//b.git/')).toBe('example.org/a/b');
  });

  it('refuses evidence whose repository URL is a target URL written with www., a default port and a doubled slash (DP502)', async () => {
    const content = makeContent('DP502-target-url');
    const repositories = readFileSync(path.join(content, 'repositories.yaml'), 'utf8');
    writeFileSync(
      path.join(content, 'repositories.yaml'),
      repositories.replace('url: https://GitHub.com/example/target.git/', 'url: https://www.github.com:443//example//target'),
    );
    const result = await validate({ contentDir: content, cwd: path.dirname(content), today: '2026-11-24', env: {} });
    rmSync(path.dirname(content), { recursive: true, force: true });
    expect(result.issues).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'DP502', field: 'repository' })]));
  });
});

describe('target path_prefix', () => {
  it('accepts a path_prefix with a trailing "/" and still refuses evidence inside it (DP502)', async () => {
    const content = makeContent('DP502-target-path-prefix');
    const repositories = readFileSync(path.join(fixturesDir, 'base/repositories.yaml'), 'utf8');
    writeFileSync(
      path.join(content, 'repositories.yaml'),
      repositories.replace('path_prefix: vendor/target', 'path_prefix: vendor/target/'),
    );
    const result = await validate({ contentDir: content, cwd: path.dirname(content), today: '2026-11-24', env: {} });
    rmSync(path.dirname(content), { recursive: true, force: true });
    expect(result.issues.filter((issue) => issue.ruleId === 'DP208')).toEqual([]);
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: 'DP502', field: 'path' })]);
  });

  it('still refuses a path_prefix that is not a relative path', async () => {
    for (const prefix of ['/vendor/target', 'vendor//target', '../target', 'vendor/target//']) {
      const content = makeContent();
      const repositories = readFileSync(path.join(content, 'repositories.yaml'), 'utf8');
      writeFileSync(
        path.join(content, 'repositories.yaml'),
        repositories.replace('path_prefix: vendor/target', `path_prefix: "${prefix}"`),
      );
      const result = await validate({ contentDir: content, cwd: path.dirname(content), today: '2026-11-24', env: {} });
      rmSync(path.dirname(content), { recursive: true, force: true });
      expect(result.issues, prefix).toEqual([expect.objectContaining({ ruleId: 'DP208', field: 'target_repositories[0].path_prefix' })]);
    }
  });
});
