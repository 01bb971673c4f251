// Encoded forms of a text that a reader, a browser or a markdown renderer decodes: a token written
// `%67hp_…`, `&#x67;hp_…`, `gh\_p…` or `-----BEGIN+RSA+PRIVATE+KEY-----` is the token once shown or
// followed as a link. The secret scan reads these decoded forms as well as the text itself.
// Linear and bounded: every decoding step shortens the text or keeps its length, and at most
// MAX_ROUNDS rounds run (a double encoding, `%2567`, takes two).

const MAX_ROUNDS = 3;

/** HTML's named character references for printable ASCII (the only ones that can spell a token). */
const NAMED: Readonly<Record<string, string>> = {
  AMP: '&', amp: '&', DiacriticalGrave: '`', grave: '`', GT: '>', gt: '>', Hat: '^', LT: '<', lt: '<',
  QUOT: '"', quot: '"', UnderBar: '_', lowbar: '_', VerticalLine: '|', verbar: '|', vert: '|', apos: "'",
  ast: '*', midast: '*', bsol: '\\', colon: ':', comma: ',', commat: '@', dollar: '$', equals: '=',
  excl: '!', lbrace: '{', lcub: '{', lbrack: '[', lsqb: '[', lpar: '(', num: '#', percnt: '%',
  period: '.', plus: '+', quest: '?', rbrace: '}', rcub: '}', rbrack: ']', rsqb: ']', rpar: ')',
  semi: ';', sol: '/',
};

/** Characters without which no form below decodes to anything else. */
const ENCODED_MARK = /[%&\\+]/;

/** A numeric character reference (browsers accept it without `;`) or a named one. */
const ENTITY = /&(?:#[xX]([0-9A-Fa-f]{1,6});?|#([0-9]{1,7});?|([A-Za-z][A-Za-z0-9]{1,31});)/g;
/** A markdown backslash escape: a backslash before ASCII punctuation. */
const BACKSLASH_ESCAPE = /\\([!-/:-@[-`{-~])/g;
const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
const utf8 = new TextDecoder('utf-8', { fatal: false });

function codePoint(value: number, whole: string): string {
  return value > 0 && value <= 0x10ffff && (value < 0xd800 || value > 0xdfff) ? String.fromCodePoint(value) : whole;
}

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    if (hex !== undefined) return codePoint(Number.parseInt(hex, 16), whole);
    if (decimal !== undefined) return codePoint(Number.parseInt(decimal, 10), whole);
    return Object.hasOwn(NAMED, name!) ? NAMED[name!]! : whole;
  });
}

function decodePercent(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(PERCENT_RUN, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let index = 0; index < bytes.length; index += 1) bytes[index] = Number.parseInt(run.slice(index * 3 + 1, index * 3 + 3), 16);
    return utf8.decode(bytes);
  });
}

function decodeRound(text: string): string {
  const unescaped = text.includes('\\') ? text.replace(BACKSLASH_ESCAPE, '$1') : text;
  return decodePercent(decodeEntities(unescaped));
}

function decodeAll(text: string): string {
  let current = text;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const next = decodeRound(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

/**
 * The decoded forms of a text that differ from it: percent-encoding, character references and
 * backslash escapes decoded; and, when the text holds a `+`, the same with `+` read as a space
 * first (form encoding). Empty when nothing decodes.
 */
export function decodedForms(text: string): string[] {
  if (!ENCODED_MARK.test(text)) return [];
  const out: string[] = [];
  const decoded = decodeAll(text);
  if (decoded !== text) out.push(decoded);
  if (text.includes('+')) {
    const form = decodeAll(text.replaceAll('+', ' '));
    if (form !== decoded) out.push(form);
  }
  return out;
}
