// What reads as copied evidence (rule DP503, src/rules/dp503-copied-runtime-evidence.ts).
// `copiedEvidenceRule` tells the schema pass (validate/check-records.ts) that an unknown key of an
// evidence or decision record is a copy-carrying field (`log`, `stdout`, `build_output`, …), so it
// is reported as DP503 rather than as a plain unknown key; `looksCopied` judges the text fields
// the schemas do allow (an evidence title, a decision's fields of a type the registry marks singleLine).
import { lineBreak } from '../schemas/shared.ts';

/** Name parts that mark a field carrying copied contents, logs or output. */
const COPY_FIELD_WORDS: ReadonlySet<string> = new Set([
  'body',
  'content',
  'contents',
  'console',
  'data',
  'diff',
  'dump',
  'excerpt',
  'excerpts',
  'log',
  'logs',
  'output',
  'outputs',
  'patch',
  'payload',
  'raw',
  'response',
  'snippet',
  'snippets',
  'stacktrace',
  'stderr',
  'stdout',
  'text',
  'trace',
  'traceback',
  'transcript',
]);

/** A last name part that makes the field a reference to a copy, not the copy (`log_path`, `output_url`). */
const REFERENCE_WORDS: ReadonlySet<string> = new Set(['path', 'paths', 'url', 'urls', 'file', 'ref', 'id', 'commit', 'sha', 'link']);

/**
 * Is this zod issue an unknown key whose name says it carries copied contents, logs or output?
 * `field` is the issue's field path (`log`, `work_items.stdout`, `report_body`); its last segment
 * is split at "_", "-", "." and camelCase into words.
 */
export function copiedEvidenceRule(field: string, zodIssueCode: string): boolean {
  if (zodIssueCode !== 'unrecognized_keys') return false;
  const name = (
    field
      .split(/[.[\]]/)
      .filter(Boolean)
      .pop() ?? ''
  ).replace(/^"|"$/g, '');
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.length === 0) return false;
  if (REFERENCE_WORDS.has(words[words.length - 1]!)) return false;
  return words.some((word) => COPY_FIELD_WORDS.has(word));
}

/** Longest text a reference's title or a decision's text field may be. */
export const MAX_REFERENCE_TEXT = 300;

const pastedShapes: RegExp[] = [
  lineBreak, // more than one line (any Unicode line break)
  /\u001b/, // an ANSI escape (terminal colours)
  /(?: {4}|\t)at \S/, // a stack-trace frame "    at fn (file:1:2)"
  /Traceback \(most recent call last\)/,
  />>>/, // a REPL prompt, a merge marker or a diff quote
  /^(?:\+\+\+|---) [ab]\//m, // a diff header
];

/** Does the text read as pasted contents or output rather than a short reference text? */
export function looksCopied(text: string): boolean {
  return text.length > MAX_REFERENCE_TEXT || pastedShapes.some((shape) => shape.test(text));
}
