// The scan's cheap pre-searches change nothing it finds: our detectors run only over the windows
// around a hit of their keyword (gate), and secretlint's AWS account-id shape only over the texts
// that hold "account". Each is compared, over generated texts with planted secrets and near
// misses, with the same scan run without the pre-search.
import { describe, expect, it } from 'vitest';
import { detectSecrets, detectors, type Detector } from '../src/secrets/detectors.ts';
import { createSecretlintEngine, loadSecretEngine } from '../src/secrets/engine.ts';
import { ALNUM, fake, mixed, pick, seededRandom } from './helpers/fake-secrets.ts';

const random = seededRandom(0x0ddba11);
const choose = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const keys = [
  `${pick(40, 'abc_')}password${pick(40, 'xyz-')}`,
  `${pick(39, 'ab')}token`,
  'password',
  'PASSWORD',
  'db_pass',
  'pwd',
  'api_key',
  'apiKey',
  'Api-Key',
  'secret',
  'client_secret',
  'token',
  'x-token',
  'access_key',
  'private_key',
  'credential',
  'Authorization',
  'bearer',
  'stripe_key',
  'slack',
  'TWILIO_AUTH',
  'datadog_api',
  'sentry-dsn',
  'name',
  'title',
  'passage',
  'tokenize',
];
const separators = [': ', '=', ' = ', '=>', ': "', "='", ':\t', ' : ', `${' '.repeat(63)}:${'\t'.repeat(64)}`, `${' '.repeat(65)}= `];
// Keys and values at the patterns' length bounds too, so a window one character short would show.
const values = () =>
  choose([
    mixed(4096 - Math.floor(random() * 3)),
    mixed(256),
    mixed(24),
    mixed(40, `${ALNUM}/+=`),
    pick(20),
    'changeme-value-here',
    `${mixed(8)} ${mixed(12)}`,
    'model-large-4-6',
    '<placeholder>',
    mixed(16, `${ALNUM}_.-`),
  ]);
const urls = () => {
  const scheme = choose(['https', 'postgres', 'redis', 'git+ssh', 'h', 'a1.b-c+d']);
  const user = choose(['', 'admin', 'u"q', mixed(6)]);
  const password = choose([mixed(18), '***', "'quoted'", 'x', mixed(5)]);
  return `${choose(['', 'see ', 'x', '(', '"'])}${scheme}://${user}:${password}@host.example/${pick(4)}`;
};
const accountIds = () =>
  `${choose(['"', "'", ''])}${choose(['AWS_', 'aws', 'Aws', ''])}${choose(['ACCOUNT', 'account', 'Account', 'ACCOUNTS', 'acount'])}${choose(['_ID', 'id', 'Id', ''])}${choose(['"', ''])}${choose([': ', '=', ' => '])}${pick(4, '0123456789')}${choose(['-', ''])}${pick(4, '0123456789')}-${pick(4, '0123456789')}`;

function line(): string {
  switch (Math.floor(random() * 8)) {
    case 0:
    case 1:
      return `${choose(['', '  ', '- ', '"', 'export '])}${choose(keys)}${choose(separators)}${values()}`;
    case 2:
      return urls();
    case 3:
      return accountIds();
    case 4:
      return `${pick(3)} ${choose(keys)}${choose(keys)}${choose(separators)}${values()} and ${urls()}`;
    case 5:
      return choose([fake.github(), fake.awsKeyId(), `aws_secret_access_key = ${fake.awsSecret()}`, fake.anthropic()]);
    default:
      return pick(Math.floor(random() * 60), 'abcdefgh ijkl.,:=/-');
  }
}

function text(): string {
  const lines = Array.from({ length: 1 + Math.floor(random() * 12) }, line);
  // Built pages and JSON are often one long line: joined by markup, spaces, runs of spaces or
  // tabs up to the patterns' bounds and beyond, or nothing.
  const joiners = ['\n', '\n\n', '\r\n', '</td><td>', ' ', '', '","', ' '.repeat(60), '\t'.repeat(70), 'x'.repeat(50)];
  return lines.map((piece, index) => (index === 0 ? piece : choose(joiners) + piece)).join('');
}

const ungated: Detector[] = detectors.map(({ gate: _gate, ...detector }) => detector);
const withoutRanges = (findings: ReturnType<typeof detectSecrets>) =>
  findings.map(({ detector, start, end, kind }) => `${detector}:${start}:${end}:${kind}`).sort();

describe('the scan’s pre-searches', () => {
  it('our detectors find the same secrets with and without their gates (3,000 texts, multi-line and one-line)', () => {
    expect(detectors.filter((detector) => detector.gate).map((detector) => detector.id)).toEqual([
      'VENDOR_KEY_VALUE',
      'URL_PASSWORD',
      'KEY_VALUE_SECRET',
    ]);
    let found = 0;
    for (let index = 0; index < 3000; index += 1) {
      const sample = text();
      const gated = withoutRanges(detectSecrets(sample));
      expect(gated).toEqual(withoutRanges(detectSecrets(sample, ungated)));
      found += gated.length;
    }
    // The texts plant secrets: the comparison is not of empty results.
    expect(found).toBeGreaterThan(1500);
  });

  it('secretlint finds the same AWS account ids when texts without the keyword skip that shape', async () => {
    const gated = await loadSecretEngine();
    // The reference: the same engine with the account-id shape on for every text.
    const reference = await createSecretlintEngine((specifier) =>
      specifier === '@secretlint/core'
        ? import('@secretlint/core').then((core) => ({
            lintSource: (options: Parameters<typeof core.lintSource>[0]) =>
              core.lintSource({
                ...options,
                options: {
                  ...options.options,
                  config: {
                    rules: options.options.config.rules.map((rule) =>
                      rule.id === '@secretlint/secretlint-rule-aws' ? { ...rule, options: { enableIDScanRule: true } } : rule,
                    ),
                  },
                },
              }),
          }))
        : specifier === '@secretlint/profiler'
          ? import('@secretlint/profiler')
          : import('@secretlint/secretlint-rule-preset-recommend'),
    );
    const texts = Array.from({ length: 400 }, text);
    const key = (findings: { start: number; end: number; kind: string }[]) =>
      findings.map(({ start, end, kind }) => `${start}:${end}:${kind}`).sort();
    const [ours, theirs] = await Promise.all([gated.scan(texts), reference.scan(texts)]);
    expect(ours.map(key)).toEqual(theirs.map(key));
    expect(theirs.flat().filter((finding) => finding.kind === 'an AWS account id').length).toBeGreaterThan(20);
  });
});
