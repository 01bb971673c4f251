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
  /** A further test on the match; false drops it. */
  accept?: (match: RegExpExecArray) => boolean;
  /** A label depending on the match (key-value secrets name their key's kind). */
  kindOf?: (match: RegExpExecArray) => string;
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  const length = [...value].length;
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
  // A name: words, short numbers and short pieces joined by separators (claude-sonnet-4-6, store-v2).
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

const keyWords = 'pass(?:word|wd|phrase)|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|authorization|bearer';

export const detectors: readonly Detector[] = [
  { id: 'ANTHROPIC_KEY', kind: 'an Anthropic API key', pattern: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{20,}/g },
  {
    id: 'OPENAI_KEY',
    kind: 'an OpenAI API key',
    pattern: /(?<![A-Za-z0-9_-])sk-(?!ant-)(?:proj-|svcacct-|admin-)?([A-Za-z0-9_-]{20,})/dg,
    accept: (match) => looksLikeCredential(match[1] ?? '', 20),
  },
  { id: 'GITHUB_TOKEN', kind: 'a GitHub token', pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9_]{30,}|github_pat_[A-Za-z0-9_]{40,})/g },
  { id: 'GITLAB_TOKEN', kind: 'a GitLab token', pattern: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}/g },
  { id: 'AWS_ACCESS_KEY_ID', kind: 'an AWS access key id', pattern: /(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}(?![A-Za-z0-9])/g },
  {
    id: 'AWS_SECRET_ACCESS_KEY',
    kind: 'an AWS secret access key',
    pattern: /(?<![A-Za-z0-9])["']?(?:aws_?)?secret_?access_?key["']?[ \t]*(?:[:=]|=>)[ \t]*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/dgi,
    group: 1,
  },
  { id: 'GOOGLE_API_KEY', kind: 'a Google API key', pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g },
  { id: 'SLACK_TOKEN', kind: 'a Slack token', pattern: /(?<![A-Za-z0-9_-])xox[abposr]-[A-Za-z0-9-]{10,}/g },
  { id: 'STRIPE_KEY', kind: 'a Stripe key', pattern: /(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,}/g },
  { id: 'NPM_TOKEN', kind: 'an npm token', pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g },
  { id: 'HUGGINGFACE_TOKEN', kind: 'a Hugging Face token', pattern: /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{34,}(?![A-Za-z0-9_])/g },
  { id: 'SENDGRID_KEY', kind: 'a SendGrid key', pattern: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/g },
  { id: 'JWT', kind: 'a JSON Web Token', pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g },
  {
    id: 'PRIVATE_KEY',
    kind: 'a private key',
    pattern: /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,20000}?-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----)?/g,
  },
  {
    id: 'URL_PASSWORD',
    kind: 'a password in a URL',
    // scheme://user:password@ — the user and password together are the secret.
    pattern: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/(([^\s/:@"'<>`]{1,256}):([^\s/@"'<>`]{1,256}))@/dg,
    group: 1,
    accept: (match) => !placeholderPassword.test(match[3] ?? ''),
  },
  {
    id: 'KEY_VALUE_SECRET',
    kind: 'a credential',
    // key: value, key = value, "key": "value", with a key naming a secret and a value that looks like one.
    pattern: new RegExp(
      String.raw`(?<![A-Za-z0-9])["']?([A-Za-z0-9_.-]{0,40}(?:${keyWords})[A-Za-z0-9_.-]{0,40})["']?[ \t]*(?:[:=]|=>)[ \t]*["']?(?:bearer[ \t]+)?([^\s"'\x60,;]{16,4096})`,
      'dgi',
    ),
    group: 2,
    accept: (match) => looksLikeCredential(match[2] ?? ''),
    kindOf: (match) => keyValueKinds.find(([pattern]) => pattern.test(match[1] ?? ''))?.[1] ?? 'a credential',
  },
];

/** The detector whose findings are generic (see SecretFinding.generic). */
export const GENERIC_DETECTOR = 'KEY_VALUE_SECRET';

/** Runs every detector over a text. Findings may overlap; see mergeFindings. */
export function detectSecrets(text: string, only: readonly Detector[] = detectors): (SecretFinding & { detector: string })[] {
  const found: (SecretFinding & { detector: string })[] = [];
  for (const detector of only) {
    detector.pattern.lastIndex = 0;
    for (const match of text.matchAll(detector.pattern)) {
      if (detector.accept && !detector.accept(match)) continue;
      const group = detector.group ?? 0;
      const indices = match.indices?.[group];
      const start = indices ? indices[0] : match.index;
      const end = indices ? indices[1] : match.index + match[0].length;
      if (end <= start) continue;
      const kind = detector.kindOf?.(match) ?? detector.kind;
      found.push({ detector: detector.id, kind, start, end, value: text.slice(start, end), ...(detector.id === GENERIC_DETECTOR ? { generic: true } : {}) });
    }
  }
  return found;
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
