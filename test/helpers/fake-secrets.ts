// Fake secrets, assembled from pieces at run time: no literal secret sits in the repository.
// A small seeded generator (mulberry32) gives the same fakes every run, random enough for
// secretlint's entropy checks.

/** A seeded generator (mulberry32): the same numbers in [0, 1) every run. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seededRandom(0x5eed1234);
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export function pick(length: number, alphabet = ALNUM): string {
  let out = '';
  while (out.length < length) out += alphabet[Math.floor(random() * alphabet.length)]!;
  return out;
}
/** At least one digit, one lower and one upper letter: what a generated key looks like. */
export function mixed(length: number, alphabet = ALNUM): string {
  for (;;) {
    const value = pick(length, alphabet);
    if (/\d/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value)) return value;
  }
}

export const fake = {
  github: () => ['gh', 'p_', mixed(36)].join(''),
  awsKeyId: () => ['AK', 'IA', pick(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')].join(''),
  awsSecret: () => mixed(40, `${ALNUM}/+`),
  anthropic: () => ['sk', '-ant-', 'api03-', mixed(93, `${ALNUM}_-`), 'AA'].join(''),
  urlPassword: () => mixed(24),
  privateKey: () => {
    const body = `MII${mixed(700, `${ALNUM}+/`)}`;
    const kind = ['RSA', 'PRIVATE', 'KEY'].join(' ');
    return [`-----BEGIN ${kind}-----`, ...body.match(/.{1,64}/g)!, `-----END ${kind}-----`].join('\n');
  },
};

const HEX = '0123456789abcdef';
const B64 = `${ALNUM}+/`;
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const join = (...parts: string[]) => parts.join('');
/** Upper-case letters and digits, at least one of each. */
function upperDigits(length: number): string {
  for (;;) {
    const value = pick(length, UPPER_DIGITS);
    if (/\d/.test(value) && /[A-Z]/.test(value)) return value;
  }
}
/** Letters of both cases, no digit. */
function letters(length: number): string {
  for (;;) {
    const value = pick(length, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');
    if (/[a-z]/.test(value) && /[A-Z]/.test(value)) return value;
  }
}

/**
 * One fake per prefixed token shape of src/secrets/detectors.ts (gitleaks' and secretlint's
 * catalogs), each at the shortest length its shape allows, so that dropping two characters makes
 * a look-alike that must not match.
 */
export const prefixedFakes: Record<string, () => string> = {
  ONEPASSWORD_SECRET_KEY: () =>
    join('A3', '-', upperDigits(6), '-', upperDigits(11), '-', upperDigits(5), '-', upperDigits(5), '-', upperDigits(5)),
  AGE_SECRET_KEY: () => join('AGE-SECRET', '-KEY-1', pick(58, 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L')),
  AIRTABLE_TOKEN: () => join('pat', mixed(14), '.', pick(64, HEX)),
  ALIBABA_KEY_ID: () => join('LT', 'AI', mixed(20)),
  ARTIFACTORY_KEY: () => join('AK', 'Cp', mixed(69)),
  AWS_BEDROCK_KEY: () => join('AB', 'SK', mixed(109, B64)),
  ATLASSIAN_TOKEN: () => join('ATA', 'TT3', mixed(186)),
  ADOBE_SECRET: () => join('p8', 'e-', mixed(32)),
  CLICKHOUSE_KEY: () => join('4b', '1d', mixed(38)),
  CLOJARS_TOKEN: () => join('CLOJARS', '_', mixed(60)),
  CLOUDFLARE_ORIGIN_KEY: () => join('v1.0', '-', pick(24, HEX), '-', pick(146, HEX)),
  DIGITALOCEAN_TOKEN: () => join('dop', '_v1_', pick(64, HEX)),
  DISCORD_WEBHOOK: () => join('discord', '.com/api/webhooks/', pick(18, '0123456789'), '/', mixed(50, `${ALNUM}_-`)),
  DOPPLER_TOKEN: () => join('dp.', 'pt.', mixed(40)),
  DUFFEL_TOKEN: () => join('duffel', '_test_', mixed(43)),
  DYNATRACE_TOKEN: () => join('dt0c01', '.', mixed(24), '.', mixed(64)),
  EASYPOST_TOKEN: () => join('EZ', 'AK', mixed(54)),
  FACEBOOK_TOKEN: () => join('EA', 'AC', mixed(100)),
  FLUTTERWAVE_KEY: () => join('FLWSECK', '_TEST-', pick(12, 'abcdefgh0123456789')),
  FLYIO_TOKEN: () => join('fo', '1_', mixed(43)),
  FRAMEIO_TOKEN: () => join('fio', '-u-', mixed(64)),
  GOOGLE_OAUTH_SECRET: () => join('GOC', 'SPX-', mixed(28)),
  HARNESS_KEY: () => join('pat', '.', mixed(22), '.', mixed(24), '.', mixed(20)),
  TERRAFORM_TOKEN: () => join(mixed(14), '.atlas', 'v1.', mixed(60)),
  HEROKU_KEY: () => join('HRKU', '-AA', mixed(58)),
  HUGGINGFACE_ORG_TOKEN: () => join('api', '_org_', letters(34)),
  INFRACOST_TOKEN: () => join('ico', '-', mixed(32)),
  MAILGUN_KEY: () => join('key', '-', mixed(32)),
  MAILCHIMP_KEY: () => join(pick(32, HEX), '-us', '12'),
  MAXMIND_KEY: () => join(mixed(6), '_', mixed(29), '_m', 'mk'),
  OCTOPUS_KEY: () => join('API', '-', upperDigits(26)),
  OPENSHIFT_TOKEN: () => join('sha256', '~', mixed(43)),
  PERPLEXITY_KEY: () => join('pp', 'lx-', mixed(48)),
  PLANETSCALE_TOKEN: () => join('pscale', '_tkn_', mixed(32)),
  POSTMAN_KEY: () => join('PM', 'AK-', pick(24, HEX), '-', pick(34, HEX)),
  PREFECT_TOKEN: () => join('pnu', '_', mixed(36)),
  PULUMI_TOKEN: () => join('pul', '-', pick(40, HEX)),
  PYPI_TOKEN: () => join('pypi-', 'AgEIcHlwaS5vcmc', mixed(50)),
  README_TOKEN: () => join('rdme', '_', pick(70, 'abcdefghijklmnopqrstuvwxyz0123456789')),
  RUBYGEMS_TOKEN: () => join('rubygems', '_', pick(48, HEX)),
  SCALINGO_TOKEN: () => join('tk-', 'us-', mixed(48)),
  BREVO_KEY: () => join('xkey', 'sib-', pick(64, HEX), '-', mixed(16)),
  SENTRY_TOKEN: () => join('sntr', 'yu_', pick(64, HEX)),
  SETTLEMINT_TOKEN: () => join('sm', '_pat_', mixed(16)),
  SHIPPO_TOKEN: () => join('shippo', '_live_', pick(40, HEX)),
  SHOPIFY_TOKEN: () => join('shp', 'at_', pick(32, HEX)),
  SOURCEGRAPH_TOKEN: () => join('sg', 'p_', pick(40, HEX)),
  SQUARE_TOKEN: () => join('sq0', 'atp-', mixed(22)),
  TELEGRAM_BOT_TOKEN: () => join(pick(9, '0123456789'), ':A', mixed(34)),
  TWILIO_KEY: () => join('S', 'K', pick(32, HEX)),
  VAULT_BATCH_TOKEN: () => join('hv', 'b.', mixed(138)),
};

/** The new text shapes: each a whole line of text holding one secret, and the secret. */
export const textFakes = {
  urlPasswordEmptyUser: () => {
    const password = mixed(24);
    return { text: `clone from https://:${password}@git.example.org/repo.git`, secret: `:${password}` };
  },
  urlPasswordWithQuote: () => {
    const password = `${mixed(12)}"${mixed(12)}`;
    return { text: `mirror: https://deploy:${password}@git.example.org/repo.git`, secret: `deploy:${password}` };
  },
  azureAccountKey: () => {
    const key = `${mixed(86, B64)}==`;
    return { text: `DefaultEndpointsProtocol=https;AccountName=store;AccountKey=${key};EndpointSuffix=core.windows.net`, secret: key };
  },
  azureSharedAccessKey: () => {
    const key = `${mixed(43, B64)}=`;
    return { text: `Endpoint=sb://bus.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${key}`, secret: key };
  },
  azureSas: () => {
    const signature = `${mixed(43)}%3D`;
    return {
      text: `https://store.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=o&se=2030-01-01&sp=r&sig=${signature}`,
      secret: signature,
    };
  },
  azureAdClientSecret: () => {
    const secret = join(mixed(3), '8', 'Q~', mixed(34, `${ALNUM}_~.-`).replace(/^[-.~_]/, 'a'));
    return { text: `client secret ${secret} (rotate)`, secret };
  },
  puttyKey: () => {
    const lines = Array.from({ length: 2 }, () => mixed(64, B64));
    const text =
      ['PuTTY-User', '-Key-File-3: ssh-ed25519'].join('') +
      `\nEncryption: none\nComment: deploy\nPublic-Lines: 1\n${mixed(64, B64)}\nPrivate-Lines: 2\n${lines.join('\n')}\nPrivate-MAC: ${pick(64, HEX)}`;
    return { text, secret: lines[0]! };
  },
  curlUser: () => {
    const password = mixed(18);
    return { text: `curl -u deploy:${password} https://api.example.org/v1`, secret: `deploy:${password}` };
  },
  vendorKeyValue: () => {
    const key = mixed(32);
    return { text: `ADAFRUIT_IO_KEY=${key}`, secret: key };
  },
};
