// One escaping function per target syntax. Every channel that writes content-derived text (file
// names, field paths, values, labels) into markdown, HTML, a terminal or a GitHub workflow command
// goes through these, so that no value can end its code span, table row or line, start markup,
// load an image, or forge the review's sticky marker.

/**
 * Every line break a renderer may honour: CRLF, LF, a lone CR (GitHub breaks table rows on it),
 * VT, FF, NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR.
 */
const lineBreaks = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;
/** Other control characters (C0 but tab, DEL, C1): a terminal acts on them, a page shows nothing. */
const controls = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;

/** The text on one line: each line break or control character becomes a space, a tab a space. */
export function oneLine(value: string): string {
  return value.replace(lineBreaks, ' ').replace(controls, ' ').replace(/\t/g, ' ');
}

/** Text for a terminal: line breaks kept, every other control character (ANSI escapes) replaced. */
export function terminalText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(controls, ' ')
    .replace(/[\v\f\u0085\u2028\u2029]/g, ' ');
}

/** An HTML comment opener: the sticky review marker, or a comment that hides the rest of the page. */
const commentOpen = /<!--/g;

/** U+2060 WORD JOINER: invisible, but no autolink, mention or scheme matches across it. */
const joiner = '\u2060';

/**
 * Plain text inside a markdown line: the characters that start inline markup are backslash-escaped
 * (emphasis, code, links, images, raw HTML and comments, entities, strikethrough, math, table
 * pipes); `|` becomes `\|`, which is also right in a table cell. GFM autolinks and @mentions are
 * matched after escapes are resolved, so they are broken with a word joiner (`://`, `www.`, `@`).
 */
export function markdownText(value: string): string {
  return oneLine(value)
    .replace(/[\\`*_{}[\]()<>#+!|~&$]/g, '\\$&')
    .replace(/:(?=\/\/)/g, `:${joiner}`)
    .replace(/\b(www)\./gi, `$1${joiner}.`)
    .replace(/@/g, `@${joiner}`);
}

/**
 * A code span that holds any value: on one line, fenced by one backtick more than its longest
 * run of backticks (padded when it starts or ends with a backtick or a space), `<!--` broken up so
 * that no comment marker appears in the raw text. In a table cell, `|` is escaped (and a
 * backslash before it, which is then shown doubled), as GFM tables require inside code spans.
 */
export function codeSpan(value: string, where: 'inline' | 'table' = 'inline'): string {
  let text = oneLine(value).replace(commentOpen, '<!-\u200b-');
  if (where === 'table') text = text.replace(/\\(?=\|)/g, '\\\\').replace(/\|/g, '\\|');
  if (text === '') return '` `';
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A GFM table row from cells already escaped for a cell (markdownText, codeSpan(…, 'table')). */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.map((cell) => oneLine(cell)).join(' | ')} |`;
}

/** Text in HTML (element content or a quoted attribute value). */
export function htmlText(value: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return value.replace(/[&<>"']/g, (character) => entities[character]!);
}

/** A double-quoted attribute value as Astro writes one: only `&` and `"` escaped (item pages' bytes match Astro's). */
export function htmlAttributeValue(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/** The message of a GitHub workflow command (`::error …::<message>`): `%`, CR and LF escaped. */
export function workflowData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property of a GitHub workflow command (`file=…`, `title=…`): also `:` and `,`. */
export function workflowProperty(value: string): string {
  return workflowData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
