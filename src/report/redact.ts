// Last line of defence: no secret value leaves through a message. Every known secret value found
// by the scan is masked, and so is anything that looks like one (the scanner's own shapes, plus
// looser ones: masking too much costs a word, masking too little leaks a credential).
import type { Issue } from '../core/issue.ts';
import { detectSecrets } from '../secrets/detectors.ts';

export const MASK = '[REDACTED]';

const looseShapes: RegExp[] = [
  /(?<![A-Za-z0-9_])(?:gh[pousr]|github_pat)_[A-Za-z0-9_]{20,}/g,
  /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,}/g,
  /(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])/g,
  // A private key from its first line to its last, or to the end of the text when cut short.
  /-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  /(?<![A-Za-z0-9_-])xox[abposr]-[A-Za-z0-9-]{10,}/g,
  /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}/g,
];

// Secret values found in this process, so that text built far from the scan (an internal error,
// a framework's message) is masked too. Values only; never printed.
const remembered = new Set<string>();

/** Records secret values found by a scan, for every later redaction in this process. */
export function rememberSecrets(values: Iterable<string>): void {
  for (const value of values) if (value.length >= 4) remembered.add(value);
}

const KEY_LENGTH = 8;

interface FormIndex {
  /** Forms of at least KEY_LENGTH characters, by their first KEY_LENGTH characters. */
  byKey: Map<string, string[]>;
  /** Shorter forms (4 to 7 characters), looked for one by one. */
  short: string[];
}

let cached: { secrets: readonly string[]; remembered: number; index: FormIndex } | undefined;

/**
 * Every form of every known secret, indexed once per list of secrets (a scan may find tens of
 * thousands, and every field of every issue is masked: looking for each in each text would be
 * quadratic).
 */
function formIndex(secrets: readonly string[]): FormIndex {
  if (cached && cached.secrets === secrets && cached.remembered === remembered.size) return cached.index;
  const byKey = new Map<string, string[]>();
  const short = new Set<string>();
  for (const secret of new Set([...secrets, ...remembered])) {
    if (secret.length < 4) continue;
    for (const form of forms(secret)) {
      if (form.length < 4) continue;
      if (form.length < KEY_LENGTH) {
        short.add(form);
        continue;
      }
      const key = form.slice(0, KEY_LENGTH);
      const list = byKey.get(key);
      if (!list) byKey.set(key, [form]);
      else if (!list.includes(form)) list.push(form);
    }
  }
  const index = { byKey, short: [...short] };
  cached = { secrets, remembered: remembered.size, index };
  return index;
}

export function redactText(text: string, secrets: readonly string[] = []): string {
  if (text.length === 0) return text;
  const ranges: [number, number][] = [];
  const { byKey, short } = formIndex(secrets);
  if (byKey.size > 0) {
    for (let index = 0; index + KEY_LENGTH <= text.length; index += 1) {
      const candidates = byKey.get(text.slice(index, index + KEY_LENGTH));
      if (candidates) for (const form of candidates) if (text.startsWith(form, index)) ranges.push([index, index + form.length]);
    }
  }
  for (const form of short) {
    for (let index = text.indexOf(form); index !== -1; index = text.indexOf(form, index + 1)) ranges.push([index, index + form.length]);
  }
  for (const finding of detectSecrets(text)) ranges.push([finding.start, finding.end]);
  for (const shape of looseShapes) {
    for (const match of text.matchAll(shape)) if (match[0].length > 0) ranges.push([match.index, match.index + match[0].length]);
  }
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let result = '';
  let cursor = 0;
  for (const [start, end] of ranges) {
    if (end <= cursor) continue;
    if (start >= cursor) {
      result += text.slice(cursor, start) + MASK;
    }
    cursor = end;
  }
  return result + text.slice(cursor);
}

/** A value as it stands, and as JSON or a URL would write it. */
function forms(secret: string): string[] {
  const out = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  const trimmed = secret.trim();
  if (trimmed.length >= 4) out.add(trimmed);
  for (const line of secret.split('\n')) if (line.trim().length >= 16) out.add(line.trim());
  return [...out];
}

/**
 * A JSON-shaped value with every string in it masked (keys included): for documents built from
 * content, such as the review, whose every field may carry a value from either side.
 */
export function redactValue<T>(value: T, secrets: readonly string[] = []): T {
  if (typeof value === 'string') return redactText(value, secrets) as T;
  if (Array.isArray(value)) return (value as unknown[]).map((entry) => redactValue(entry, secrets)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  // defineProperty: a key such as `__proto__` stays a key.
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const masked = { value: redactValue(entry, secrets), enumerable: true, writable: true, configurable: true };
    Object.defineProperty(out, redactText(key, secrets), masked);
  }
  return out as T;
}

export function redactIssues(issues: readonly Issue[], secrets: readonly string[]): Issue[] {
  return issues.map((issue) => ({
    ...issue,
    file: redactText(issue.file, secrets),
    field: issue.field === undefined ? undefined : redactText(issue.field, secrets),
    message: redactText(issue.message, secrets),
    hint: redactText(issue.hint, secrets),
  }));
}

/**
 * The text of an unexpected internal error, masked: its name and message, and the stack when
 * asked for. Errors from parsers and frameworks quote their input, which may hold a secret.
 */
export function redactError(error: unknown, options: { stack?: boolean; secrets?: readonly string[] } = {}): string {
  let text: string;
  if (error instanceof Error) {
    text = options.stack && error.stack ? error.stack : `${error.name}: ${error.message}`;
  } else {
    try {
      // JSON.stringify gives undefined for undefined, a function or a symbol, whatever its type says.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      text = typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
    } catch {
      text = 'unknown error';
    }
  }
  return redactText(text, options.secrets ?? []);
}
