// The secret shapes added from secretlint's and gitleaks' catalogs: each finds its true positive
// (built at run time) and passes its look-alike; a few go through validate() end to end.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectors, detectSecrets } from '../src/secrets/detectors.ts';
import { validate } from '../src/validate/validate.ts';
import { prefixedFakes, textFakes } from './helpers/fake-secrets.ts';
import { fixturesDir, makeContent } from './helpers/fixtures.ts';

const only = (id: string) => detectors.filter((detector) => detector.id === id);
const found = (text: string, id: string) => detectSecrets(text, only(id)).map((finding) => finding.value);

describe('prefixed tokens', () => {
  const prefixedIds = Object.keys(prefixedFakes);

  it('has a fake for every prefixed shape', () => {
    const tableIds = detectors.map((detector) => detector.id).filter((id) => id in prefixedFakes);
    expect(tableIds.sort()).toEqual([...prefixedIds].sort());
    expect(prefixedIds.length).toBeGreaterThan(45);
  });

  for (const id of prefixedIds) {
    it(`${id}: finds the token, not a shortened or a low-entropy look-alike`, () => {
      const token = prefixedFakes[id]!();
      expect(found(`value: ${token} end`, id), id).toEqual([token]);
      expect(found(`"${token}"`, id), id).toEqual([token]);
      expect(found(`value: ${token.slice(0, -2)} end`, id), `${id} shortened`).toEqual([]);
      expect(found(`x${token}`.replace(/^x/, 'Z_'), `${id} glued`)).toEqual([]);
      const flat = token.replace(/[A-Za-z0-9]/g, (character, index) => (index < 12 ? character : /[0-9]/.test(character) ? '0' : 'a'));
      if (flat !== token) expect(found(`value: ${flat} end`, id), `${id} low entropy`).toEqual([]);
    });
  }
});

describe('text shapes', () => {
  const cases: [keyof typeof textFakes, string, string[]][] = [
    [
      'urlPasswordEmptyUser',
      'URL_PASSWORD',
      ['https://:********@git.example.org', 'https://:<password>@host', 'https://:${PASSWORD}@host', 'mailto:someone@example.org'],
    ],
    ['urlPasswordWithQuote', 'URL_PASSWORD', ['see "https://example.org/a" and "b@c"', "https://user:'password'@host"]],
    ['azureAccountKey', 'AZURE_STORAGE_KEY', ['AccountKey=<your-account-key>', `AccountKey=${'a'.repeat(86)}==`]],
    ['azureSharedAccessKey', 'AZURE_STORAGE_KEY', ['SharedAccessKey=${KEY}', 'SharedAccessKeyName=RootManageSharedAccessKey']],
    ['azureSas', 'AZURE_SAS_TOKEN', ['https://example.org/x?sig=' + 'Ab1'.repeat(15), 'the sig= parameter holds the signature']],
    ['azureAdClientSecret', 'AZURE_AD_CLIENT_SECRET', ['abc8Q~short', 'Q~ alone']],
    ['puttyKey', 'PUTTY_PRIVATE_KEY', ['Keys are stored in the PuTTY-User-Key-File format.', 'Private-Lines: the count of lines']],
    ['curlUser', 'CURL_USER', ['curl -u $USER:$PASS https://x', 'curl -u deploy https://x', 'ls -u now']],
    [
      'vendorKeyValue',
      'VENDOR_KEY_VALUE',
      ['ADAFRUIT_IO_KEY=your-key-here-please', 'sentry: https://sentry.example.org/organizations/team', 'jira = PROJECT-1234-ticket-5678'],
    ],
  ];
  for (const [name, id, lookAlikes] of cases) {
    it(`${name} (${id}): finds the secret, passes its look-alikes`, () => {
      const { text, secret } = textFakes[name]();
      const values = found(text, id);
      expect(values.length, name).toBeGreaterThan(0);
      expect(
        values.some((value) => value.includes(secret) || secret.includes(value)),
        name,
      ).toBe(true);
      for (const lookAlike of lookAlikes) expect(found(lookAlike, id), lookAlike).toEqual([]);
    });
  }
});

describe('new shapes end to end', () => {
  it('refuses each in a PRD with DP600 at its line, masked', async () => {
    const prd = readFileSync(path.join(fixturesDir, 'base/prds/alpha.md'), 'utf8');
    const first = `${prd}\n`.split('\n').length;
    const shapes = [
      textFakes.urlPasswordEmptyUser(),
      textFakes.urlPasswordWithQuote(),
      textFakes.azureAccountKey(),
      textFakes.puttyKey(),
      { text: `Token: ${prefixedFakes.DIGITALOCEAN_TOKEN!()}`, secret: '' },
    ];
    const content = makeContent();
    writeFileSync(path.join(content, 'prds/alpha.md'), `${prd}\n${shapes.map((shape) => shape.text).join('\n')}\n`);
    const result = await validate({ contentDir: content, cwd: path.dirname(content), today: '2026-11-24', env: {} });
    rmSync(path.dirname(content), { recursive: true, force: true });
    const lines = new Set(result.issues.filter((issue) => issue.ruleId === 'DP600').map((issue) => issue.line));
    let line = first;
    for (const shape of shapes) {
      expect(lines.has(line), `a DP600 on line ${line}`).toBe(true);
      line += shape.text.split('\n').length;
    }
    const text = JSON.stringify(result.issues);
    for (const shape of shapes) if (shape.secret) expect(text.includes(shape.secret)).toBe(false);
  });
});
