// Our own secret shapes, on top of secretlint's recommended rules: provider keys secretlint does
// not know or knows only in one exact length, key-value credentials that look like credentials,
// and passwords in URLs of any scheme. Plain functions without dependencies: the secretlint rule
// wraps them, redaction reuses them, and they still run when secretlint itself cannot load.

/** One secret found in a text: the range it occupies and a label that never quotes it. */
export interface SecretFinding {
  /** Human label with its article: "a GitHub token". */
  kind: string;
  start: number;
  end: number;
  /** The secret as it stands in the text (used only to mask it). */
  value: string;
  /** Found by a key-value rule: a more specific rule at the same place names it better. */
  generic?: boolean;
}

export interface Detector {
  /** Stable key, also the secretlint message id of our rule. */
  id: string;
  kind: string;
  pattern: RegExp;
  /** The capture group that is the secret (default: the whole match). */
  group?: number;
  /** Literal text every match contains: the pattern is not run over a text without any of them (a cheap search first). */
  hint?: readonly string[];
  /**
   * A cheap search for a detector whose every match lies near a hit of it: the pattern runs only
   * over the windows around the hits (see matchesOf). `pattern` (flag g) must hit inside or next
   * to every match; `before` and `after` bound how far a match can start before a hit's start and
   * end after its end; `context` is how far the pattern's lookbehinds look back. The detector's
   * pattern must have no lookahead or end assertion. `follows` (flag y), when given, must match
   * right after a hit for any match to hold that hit, and `at` (flag y) at the hit's start (else
   * the hit is passed over); with `at`, hits are looked for at every position (they may overlap),
   * so a pattern that every match starts with has a hit at each match's start. `accept` and
   * `kindOf` then get a match whose input is the window.
   */
  gate?: { pattern: RegExp; before: number; after: number; context: number; follows?: RegExp; at?: RegExp };
  /** A further test on the match; false drops it. */
  accept?: (match: RegExpExecArray) => boolean;
  /** A label depending on the match (key-value secrets name their key's kind). */
  kindOf?: (match: RegExpExecArray) => string;
}

/** Shannon entropy in bits per character. */
function entropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  const length = Array.from(value).length;
  for (const count of counts.values()) {
    const p = count / length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const placeholder = /^(?:[<{$%[(]|\*+$|x+$|\.\.\.)/i;

/**
 * Whether a value looks like a credential rather than a name, date, slug or placeholder: long,
 * no spaces, mixed character classes, not a slug of words, and high entropy.
 */
export function looksLikeCredential(value: string, minLength = 16): boolean {
  if (value.length < minLength || value.length > 4096) return false;
  if (/\s/.test(value) || value.includes('://')) return false;
  if (placeholder.test(value)) return false;
  // A name: words, short numbers and short pieces joined by separators (model-large-4-6, store-v2).
  const segments = value.split(/[-_.:/+=]+/).filter((segment) => segment.length > 0);
  if (segments.every((segment) => /^[A-Za-z]+$/.test(segment) || /^\d{1,4}$/.test(segment) || segment.length <= 3)) return false;
  if (/^[\d\-_.:/+=TZ]+$/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((pattern) => pattern.test(value)).length;
  if (classes < 2) return false;
  return entropy(value) >= 3.2;
}

const placeholderPassword = /^(?:\*+|x+|\.{3}|\$\{[^}]*\}|\{\{[^}]*\}\}|<[^>]*>|%[A-Z_]+%|\$[A-Z_]+|password|pass|secret)$/i;

const keyValueKinds: [RegExp, string][] = [
  [/pass(?:word|wd|phrase)|pwd/i, 'a password'],
  [/private[_-]?key/i, 'a private key'],
  [/api[_-]?key|apikey|access[_-]?key/i, 'an API key'],
  [/token|bearer|authorization/i, 'a token'],
  [/secret/i, 'a secret'],
  [/credential/i, 'a credential'],
];

const keyWords =
  'pass(?:word|wd|phrase)|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|authorization|bearer';

// Services whose keys gitleaks recognises by the key's name (config/gitleaks.toml, keyword rules).
const vendorWords = [
  'adafruit',
  'adobe',
  'airtable',
  'algolia',
  'alibaba',
  'asana',
  'atlassian',
  'beamer',
  'bintray',
  'bitbucket',
  'bittrex',
  'cloudflare',
  'codecov',
  'cohere',
  'coinbase',
  'confluent',
  'contentful',
  'datadog',
  'discord',
  'droneci',
  'dropbox',
  'etsy',
  'facebook',
  'fastly',
  'finicity',
  'finnhub',
  'flickr',
  'freshbooks',
  'gitter',
  'gocardless',
  'heroku',
  'hubspot',
  'intercom',
  'jfrog',
  'jira',
  'confluence',
  'kraken',
  'kucoin',
  'launchdarkly',
  'linkedin',
  'lob',
  'looker',
  'mailchimp',
  'mailgun',
  'mapbox',
  'mattermost',
  'meraki',
  'messagebird',
  'netlify',
  'newrelic',
  'new_relic',
  'nytimes',
  'okta',
  'plaid',
  'rapidapi',
  'sendbird',
  'sentry',
  'snyk',
  'sonar',
  'squarespace',
  'sumo',
  'telegram',
  'travis',
  'twitch',
  'twitter',
  'typeform',
  'yandex',
  'zendesk',
  'twilio',
  'shopify',
  'slack',
  'stripe',
  'sendgrid',
  'pagerduty',
  'circleci',
].join('|');
const longestVendorWord = Math.max(...vendorWords.split('|').map((word) => word.length));

/** Tokens that begin with a literal prefix of their service (gitleaks' and secretlint's catalogs). */
function prefixedTokens(): Detector[] {
  const table: [string, string, string, string[]?][] = [
    [
      'ONEPASSWORD_SECRET_KEY',
      'a 1Password secret key',
      String.raw`A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}`,
    ],
    ['AGE_SECRET_KEY', 'an age secret key', String.raw`AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}`],
    ['AIRTABLE_TOKEN', 'an Airtable token', String.raw`pat[A-Za-z0-9]{14}\.[a-f0-9]{64}`, ['pat']],
    ['ALIBABA_KEY_ID', 'an Alibaba Cloud access key id', String.raw`LTAI[A-Za-z0-9]{20}`],
    ['ARTIFACTORY_KEY', 'an Artifactory key', String.raw`(?:AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59})`],
    ['AWS_BEDROCK_KEY', 'an Amazon Bedrock API key', String.raw`ABSK[A-Za-z0-9+/]{109,269}={0,2}`],
    ['ATLASSIAN_TOKEN', 'an Atlassian API token', String.raw`ATATT3[A-Za-z0-9_=-]{186}`],
    ['ADOBE_SECRET', 'an Adobe client secret', String.raw`p8e-[A-Za-z0-9]{32}`],
    ['CLICKHOUSE_KEY', 'a ClickHouse Cloud key', String.raw`4b1d[A-Za-z0-9]{38}`, ['4b1d']],
    ['CLOJARS_TOKEN', 'a Clojars token', String.raw`CLOJARS_[A-Za-z0-9]{60}`],
    ['CLOUDFLARE_ORIGIN_KEY', 'a Cloudflare origin CA key', String.raw`v1\.0-[a-f0-9]{24}-[a-f0-9]{146}`],
    ['DIGITALOCEAN_TOKEN', 'a DigitalOcean token', String.raw`do[opr]_v1_[a-f0-9]{64}`],
    ['DISCORD_WEBHOOK', 'a Discord webhook URL', String.raw`discord(?:app)?\.com/api/webhooks/\d{5,30}/[A-Za-z0-9_-]{50,100}`],
    ['DOPPLER_TOKEN', 'a Doppler token', String.raw`dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}`],
    ['DUFFEL_TOKEN', 'a Duffel token', String.raw`duffel_(?:test|live)_[A-Za-z0-9_=-]{43}`],
    ['DYNATRACE_TOKEN', 'a Dynatrace token', String.raw`dt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}`],
    ['EASYPOST_TOKEN', 'an EasyPost token', String.raw`EZ[AT]K[A-Za-z0-9]{54}`],
    ['FACEBOOK_TOKEN', 'a Facebook access token', String.raw`EAA[MC][A-Za-z0-9]{100,}`],
    ['FLUTTERWAVE_KEY', 'a Flutterwave key', String.raw`FLW(?:SECK|PUBK)_TEST-[A-Ha-h0-9]{12,32}(?:-X)?`],
    ['FLYIO_TOKEN', 'a Fly.io token', String.raw`(?:fo1_[A-Za-z0-9_-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3})`],
    ['FRAMEIO_TOKEN', 'a Frame.io token', String.raw`fio-u-[A-Za-z0-9_=-]{64}`],
    ['GOOGLE_OAUTH_SECRET', 'a Google OAuth client secret', String.raw`GOCSPX-[A-Za-z0-9_-]{28}`],
    ['HARNESS_KEY', 'a Harness API key', String.raw`(?:pat|sat)\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}`, ['pat.', 'sat.']],
    ['TERRAFORM_TOKEN', 'a Terraform Cloud token', String.raw`[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}`, ['.atlasv1.']],
    ['HEROKU_KEY', 'a Heroku API key', String.raw`HRKU-AA[A-Za-z0-9_-]{58}`],
    ['HUGGINGFACE_ORG_TOKEN', 'a Hugging Face token', String.raw`api_org_[A-Za-z]{34}`],
    ['INFRACOST_TOKEN', 'an Infracost token', String.raw`ico-[A-Za-z0-9]{32}`],
    ['MAILGUN_KEY', 'a Mailgun key', String.raw`key-[0-9a-zA-Z]{32}`],
    ['MAILCHIMP_KEY', 'a Mailchimp key', String.raw`[0-9a-f]{32}-us[0-9]{1,2}`, ['-us']],
    ['MAXMIND_KEY', 'a MaxMind license key', String.raw`[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk`, ['_mmk']],
    [
      'TEAMS_WEBHOOK',
      'a Microsoft Teams webhook URL',
      String.raw`webhook\.office\.com/webhookb2/[A-Za-z0-9-]{36}@[A-Za-z0-9-]{36}/IncomingWebhook/[A-Za-z0-9]{32}/[A-Za-z0-9-]{36}`,
    ],
    ['OCTOPUS_KEY', 'an Octopus Deploy API key', String.raw`API-[A-Z0-9]{26}`],
    ['OPENSHIFT_TOKEN', 'an OpenShift token', String.raw`sha256~[A-Za-z0-9_-]{43}`],
    ['PERPLEXITY_KEY', 'a Perplexity API key', String.raw`pplx-[A-Za-z0-9]{48}`],
    ['PLANETSCALE_TOKEN', 'a PlanetScale token or password', String.raw`pscale_(?:tkn|oauth|pw)_[A-Za-z0-9_=.-]{32,64}`],
    ['POSTMAN_KEY', 'a Postman API key', String.raw`PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}`],
    ['PREFECT_TOKEN', 'a Prefect token', String.raw`pnu_[A-Za-z0-9]{36}`],
    ['PULUMI_TOKEN', 'a Pulumi token', String.raw`pul-[a-f0-9]{40}`],
    ['PYPI_TOKEN', 'a PyPI upload token', String.raw`pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}`],
    ['README_TOKEN', 'a ReadMe token', String.raw`rdme_[a-z0-9]{70}`],
    ['RUBYGEMS_TOKEN', 'a RubyGems token', String.raw`rubygems_[a-f0-9]{48}`],
    ['SCALINGO_TOKEN', 'a Scalingo token', String.raw`tk-us-[A-Za-z0-9_-]{48}`],
    ['BREVO_KEY', 'a Brevo (Sendinblue) key', String.raw`xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}`],
    ['SENTRY_TOKEN', 'a Sentry token', String.raw`(?:sntryu_[a-f0-9]{64}|sntrys_eyJ[A-Za-z0-9+/=_]{50,400})`],
    ['SETTLEMINT_TOKEN', 'a SettleMint token', String.raw`sm_(?:aat|pat|sat)_[A-Za-z0-9]{16}`],
    ['SHIPPO_TOKEN', 'a Shippo token', String.raw`shippo_(?:live|test)_[a-fA-F0-9]{40}`],
    ['SHOPIFY_TOKEN', 'a Shopify token', String.raw`shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`],
    ['SOURCEGRAPH_TOKEN', 'a Sourcegraph token', String.raw`sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}`],
    ['SQUARE_TOKEN', 'a Square token', String.raw`(?:EAAA[A-Za-z0-9_-]{22,60}|sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43})`],
    ['TELEGRAM_BOT_TOKEN', 'a Telegram bot token', String.raw`[0-9]{5,16}:A[A-Za-z0-9_-]{34}`, [':A']],
    ['TWILIO_KEY', 'a Twilio API key', String.raw`SK[0-9a-fA-F]{32}`, ['SK']],
    ['VAULT_BATCH_TOKEN', 'a HashiCorp Vault token', String.raw`hvb\.[A-Za-z0-9_-]{138,300}`],
  ];
  return table.map(([id, kind, body, hint]) => ({
    id,
    kind,
    ...(hint ? { hint } : {}),
    // Whole tokens only: no letter, digit, "_" or "-" right before or after.
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9_-])${body}(?![A-Za-z0-9_-])`, 'g'),
    // Random enough to be a key, not a word or a run of one character.
    accept: (match: RegExpExecArray) => entropy(match[0]) >= 3.2,
  }));
}

export const detectors: readonly Detector[] = [
  { id: 'ANTHROPIC_KEY', kind: 'an Anthropic API key', pattern: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{20,}/g },
  {
    id: 'OPENAI_KEY',
    kind: 'an OpenAI API key',
    pattern: /(?<![A-Za-z0-9_-])sk-(?!ant-)(?:proj-|svcacct-|admin-)?([A-Za-z0-9_-]{20,})/dg,
    accept: (match) => looksLikeCredential(match[1] ?? '', 20),
  },
  { id: 'GITHUB_TOKEN', kind: 'a GitHub token', pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9_]{30,}|github_pat_[A-Za-z0-9_]{40,})/g },
  {
    id: 'GITLAB_TOKEN',
    kind: 'a GitLab token',
    // Personal, pipeline trigger, deploy, runner, feed, incoming mail, agent, OAuth, SCIM, CI job, feature flag tokens; runner registration; session cookie.
    pattern:
      /(?<![A-Za-z0-9_-])(?:glpat-[A-Za-z0-9_.-]{20,}|glptt-[0-9a-f]{40}|gldt-[A-Za-z0-9_-]{20,}|glrt-[A-Za-z0-9_.-]{20,}|glft-[A-Za-z0-9_-]{20,}|glimt-[A-Za-z0-9_-]{25,}|glagent-[A-Za-z0-9_-]{50,}|gloas-[A-Za-z0-9_-]{64,}|glsoat-[A-Za-z0-9_-]{20,}|glcbt-[A-Za-z0-9]{1,5}_[A-Za-z0-9_-]{20,}|glffct-[A-Za-z0-9_-]{20,}|GR1348941[A-Za-z0-9_-]{20,}|_gitlab_session=[0-9a-z]{32})/g,
  },
  {
    id: 'AWS_ACCESS_KEY_ID',
    kind: 'an AWS access key id',
    pattern: /(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  },
  {
    id: 'AWS_SECRET_ACCESS_KEY',
    kind: 'an AWS secret access key',
    pattern: /(?<![A-Za-z0-9])["']?(?:aws_?)?secret_?access_?key["']?[ \t]*(?:[:=]|=>)[ \t]*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/dgi,
    group: 1,
  },
  { id: 'GOOGLE_API_KEY', kind: 'a Google API key', pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g },
  {
    id: 'SLACK_TOKEN',
    kind: 'a Slack token',
    pattern: /(?<![A-Za-z0-9_-])(?:xox[abposre]-[A-Za-z0-9-]{10,}|xoxe\.xox[bp]-\d-[A-Za-z0-9]{100,}|xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]{20,})/g,
  },
  {
    id: 'STRIPE_KEY',
    kind: 'a Stripe key',
    pattern: /(?<![A-Za-z0-9_])(?:(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{20,}|whsec_[A-Za-z0-9]{32,})/g,
  },
  { id: 'NPM_TOKEN', kind: 'an npm token', pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g },
  { id: 'HUGGINGFACE_TOKEN', kind: 'a Hugging Face token', pattern: /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{34,}(?![A-Za-z0-9_])/g },
  { id: 'SENDGRID_KEY', kind: 'a SendGrid key', pattern: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/g },
  { id: 'JWT', kind: 'a JSON Web Token', pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g },
  {
    id: 'AZURE_STORAGE_KEY',
    kind: 'an Azure storage or service bus key',
    // Connection strings: AccountKey=<88 base64>, SharedAccessKey=<44 base64>.
    pattern: /(?<![A-Za-z0-9])(?:AccountKey|SharedAccessKey)[ \t]*=[ \t]*([A-Za-z0-9+/]{30,100}={0,2})/dgi,
    group: 1,
    accept: (match) => looksLikeCredential(match[1] ?? '', 30),
  },
  {
    id: 'AZURE_SAS_TOKEN',
    kind: 'an Azure shared access signature',
    hint: ['sig='],
    // sig=<url-encoded base64> in a query that also carries the signed version (sv=) or expiry (se=).
    pattern: /(?<![A-Za-z0-9_])sig=([A-Za-z0-9%+/=]{40,120})/dg,
    group: 1,
    accept: (match) => /(?:^|[?&;\s])s[ve]=/.test(match.input.slice(Math.max(0, match.index - 300), match.index + 400)),
  },
  {
    id: 'AZURE_AD_CLIENT_SECRET',
    kind: 'an Azure AD client secret',
    hint: ['Q~'],
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
  },
  {
    id: 'PUTTY_PRIVATE_KEY',
    kind: 'a PuTTY private key',
    hint: ['PuTTY-User-Key-File-', 'Private-Lines: '],
    // The header of a .ppk file, and its private lines (base64 after "Private-Lines: N").
    pattern: /PuTTY-User-Key-File-\d: [A-Za-z0-9@.-]{1,64}|Private-Lines: \d{1,3}\r?\n(?:[A-Za-z0-9+/=]{1,80}\r?\n?){1,64}/g,
  },
  {
    id: 'CURL_USER',
    kind: 'a password in a command line',
    // curl -u user:password / --user=user:password
    pattern: /(?<![A-Za-z0-9_-])(?:-u|--user)(?:=|[ \t]{1,5})["']?([^\s:"'/-][^\s:"']{0,63}:[^\s"']{3,128})/dg,
    group: 1,
    accept: (match) => !placeholderPassword.test((match[1] ?? '').split(':')[1] ?? ''),
  },
  ...prefixedTokens(),
  {
    id: 'VENDOR_KEY_VALUE',
    kind: 'a credential',
    // `<vendor>: value`, `<vendor>_key = value`: a key naming a service gitleaks knows, a value that looks like a credential.
    // Anchored on the ":" or "=": the service's name is looked for behind it only there (a scan
    // from every position over ~80 names would cost more than all other shapes together).
    pattern: new RegExp(
      String.raw`(?<=(?<![A-Za-z])(?:${vendorWords})[A-Za-z0-9_.-]{0,30}["']?[ \t]{0,64})(?:[:=]|=>)[ \t]{0,64}["']?([A-Za-z0-9_./+=-]{16,256})`,
      'dgi',
    ),
    // The value part every match starts with (a search for ~80 names would cost more than the
    // pattern). Every match starts with a hit, so the name behind it is checked at each hit's
    // start, and only there.
    gate: {
      pattern: /(?:[:=]|=>)[ \t]{0,64}["']?[A-Za-z0-9_./+=-]{16}/g,
      before: 0,
      after: 2 + 64 + 1 + 256,
      context: 1 + longestVendorWord + 30 + 1 + 64,
      at: new RegExp(String.raw`(?<=(?<![A-Za-z])(?:${vendorWords})[A-Za-z0-9_.-]{0,30}["']?[ \t]{0,64})`, 'iy'),
    },
    group: 1,
    accept: (match) => looksLikeCredential(match[1] ?? ''),
  },
  {
    id: 'PRIVATE_KEY',
    kind: 'a private key',
    pattern: /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,20000}?-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----)?/g,
  },
  {
    id: 'URL_PASSWORD',
    kind: 'a password in a URL',
    // scheme://user:password@ — the user and password together are the secret.
    // The user may be empty (`https://:password@host`) and the password may hold quotes.
    pattern: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/(([^\s/:@"'<>`]{0,256}):([^\s/@<>`]{1,256}))@/dg,
    // "://" stands 2–31 characters after the match's start; then at most user:password@.
    gate: { pattern: /:\/\//g, before: 31, after: 256 + 1 + 256 + 1, context: 1 },
    group: 1,
    accept: (match) => !placeholderPassword.test(match[3] ?? '') && !/^["']|["']$/.test(match[3] ?? ''),
  },
  {
    id: 'KEY_VALUE_SECRET',
    kind: 'a credential',
    // key: value, key = value, "key": "value", with a key naming a secret and a value that looks like one.
    pattern: new RegExp(
      String.raw`(?<![A-Za-z0-9])["']?([A-Za-z0-9_.-]{0,40}(?:${keyWords})[A-Za-z0-9_.-]{0,40})["']?[ \t]{0,64}(?:[:=]|=>)[ \t]{0,64}["']?(?:bearer[ \t]{1,64})?([^\s"'\x60,;]{16,4096})`,
      'dgi',
    ),
    // The key word every match's key holds (a hit starts at most 12 characters before it, as
    // the longest word is 13): before it at most a quote and 40 key characters; after it the rest.
    // A hit is followed by the rest of the key (key characters), maybe a quote, and the separator.
    gate: {
      pattern: new RegExp(keyWords, 'gi'),
      before: 1 + 40,
      after: 12 + 40 + 1 + 64 + 2 + 64 + 1 + 6 + 64 + 4096,
      context: 1,
      follows: /[A-Za-z0-9_.-]{0,52}["']?[ \t]{0,64}(?:[:=]|=>)/y,
    },
    group: 2,
    accept: (match) => looksLikeCredential(match[2] ?? ''),
    kindOf: (match) => keyValueKinds.find(([pattern]) => pattern.test(match[1] ?? ''))?.[1] ?? 'a credential',
  },
];

/** The detector whose findings are generic (see SecretFinding.generic). */
const GENERIC_DETECTOR = 'KEY_VALUE_SECRET';

/** Runs every detector over a text. Findings may overlap; see mergeFindings. */
export function detectSecrets(text: string, only: readonly Detector[] = detectors): (SecretFinding & { detector: string })[] {
  const found: (SecretFinding & { detector: string })[] = [];
  for (const detector of only) {
    if (detector.hint && !detector.hint.some((literal) => text.includes(literal))) continue;
    for (const { match, offset } of matchesOf(detector, text)) {
      if (detector.accept && !detector.accept(match)) continue;
      const group = detector.group ?? 0;
      const indices = match.indices?.[group];
      const start = offset + (indices ? indices[0] : match.index);
      const end = offset + (indices ? indices[1] : match.index + match[0].length);
      if (end <= start) continue;
      const kind = detector.kindOf?.(match) ?? detector.kind;
      found.push({
        detector: detector.id,
        kind,
        start,
        end,
        value: text.slice(start, end),
        ...(detector.id === GENERIC_DETECTOR ? { generic: true } : {}),
      });
    }
  }
  return found;
}

/** The detector's matches in the text, each with the offset its indices are relative to. */
function* matchesOf(detector: Detector, text: string): Generator<{ match: RegExpExecArray; offset: number }> {
  const gate = detector.gate;
  if (!gate) {
    detector.pattern.lastIndex = 0;
    for (const match of text.matchAll(detector.pattern)) yield { match, offset: 0 };
    return;
  }
  // Windows around the hits, merged where they overlap: every match lies inside one window, and
  // no match of the whole text ends inside a window it did not start in, so scanning each window
  // from its start (its lookbehinds seeing `context` characters before it) finds exactly the
  // matches a scan of the whole text finds.
  for (const [start, end] of gateWindows(gate, text)) {
    const sliceStart = Math.max(0, start - gate.context);
    detector.pattern.lastIndex = start - sliceStart;
    for (const match of text.slice(sliceStart, end).matchAll(detector.pattern)) yield { match, offset: sliceStart };
  }
}

function gateWindows(gate: NonNullable<Detector['gate']>, text: string): [number, number][] {
  const windows: [number, number][] = [];
  gate.pattern.lastIndex = 0;
  for (let hit = gate.pattern.exec(text); hit !== null; hit = gate.pattern.exec(text)) {
    if (hit[0] === '') gate.pattern.lastIndex += 1;
    if (gate.follows) {
      gate.follows.lastIndex = hit.index + hit[0].length;
      if (!gate.follows.test(text)) continue;
    }
    if (gate.at) {
      gate.pattern.lastIndex = hit.index + 1;
      gate.at.lastIndex = hit.index;
      if (!gate.at.test(text)) continue;
    }
    const start = Math.max(0, hit.index - gate.before);
    const end = Math.min(text.length, hit.index + hit[0].length + gate.after);
    const last = windows.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else windows.push([start, end]);
  }
  return windows;
}

/** Sorts findings and merges overlapping ones into one (the earliest, most specific kind wins). */
export function mergeFindings<T extends SecretFinding>(findings: readonly T[]): { finding: T; values: string[] }[] {
  const generic = (finding: T) => finding.generic === true;
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: { finding: T; values: string[]; end: number }[] = [];
  for (const finding of sorted) {
    const last = merged.at(-1);
    if (last && finding.start < last.end) {
      last.values.push(finding.value);
      last.end = Math.max(last.end, finding.end);
      if (generic(last.finding) && !generic(finding)) last.finding = { ...finding, start: last.finding.start };
      continue;
    }
    merged.push({ finding, values: [finding.value], end: finding.end });
  }
  return merged.map(({ finding, values }) => ({ finding, values }));
}

/** "a GitHub token" → "A GitHub token". */
export function capitalize(kind: string): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

/** 1-based line and column of an offset; lineStarts from lineStartsOf(text). */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** Index of the last start at or before `offset` (starts ascending, starts[0] <= offset). */
export function lastStartAtOrBefore(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

export function positionAt(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  const index = lastStartAtOrBefore(lineStarts, offset);
  return { line: index + 1, column: offset - lineStarts[index]! + 1 };
}
