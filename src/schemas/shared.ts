import { z } from 'astro/zod';
import { classifyReviewTrigger } from '../core/review-trigger.ts';

/** Ids name files and URLs: letters, digits, "-" and "_", starting with a letter or digit. */
export const idPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
export const recordId = z.string().regex(idPattern, { error: 'an id: letters, digits, "-" and "_", starting with a letter or digit, at most 100 characters' });

/** A real calendar date, kept as the exact string: `2026-05-31`. */
export const isoDate = z.iso.date({ error: 'a calendar date written YYYY-MM-DD' });

/**
 * Non-empty single-line text without surrounding spaces. Every Unicode line break (LF, VT, FF, CR,
 * NEL, U+2028, U+2029) ends a line somewhere (a browser, an editor, a terminal, a markdown
 * renderer), so none may stand in it; NEL is named apart because JavaScript's \s omits it. One
 * pattern, so that the JSON Schema written for editors says the same.
 */
export const line = z
  .string({ error: 'a text' })
  .regex(/^[^\s\u0085](?:[^\n\v\f\r\u0085\u2028\u2029]*[^\s\u0085])?$/, {
    error: 'a non-empty single line (no line break: LF, CR, VT, FF, NEL, U+2028, U+2029) without leading or trailing spaces',
  });

/** A Unicode line break, for gates that judge single-line text. */
export const lineBreak = /[\n\v\f\r\u0085\u2028\u2029]/;

/** Credential and network classes name a class, never a value. */
export const className = z
  .string({ error: 'a class name' })
  .regex(/^[a-z0-9_-]{1,64}$/, { error: 'a class name: lowercase letters, digits, "-" and "_", at most 64 characters' });

/** An editor's `$schema` hint is allowed in every data file. */
export const schemaHint = { $schema: z.string().optional() };

export function isCalendarDate(value: string): boolean {
  return isoDate.safeParse(value).success;
}

/** Non-empty text, several lines allowed. */
export const text = z.string({ error: 'a text' }).regex(/\S/, { error: 'a non-empty text' });

/** A date (YYYY-MM-DD, a real one) or a condition text that forces review. */
export const dateOrCondition = z.string({ error: 'a date YYYY-MM-DD or a condition text' }).superRefine((value, context) => {
  // A date in any other form is refused, never taken as a condition (which is never overdue).
  const trigger = classifyReviewTrigger(value);
  if (trigger.kind === 'malformed') context.addIssue({ code: 'custom', message: `a real calendar date YYYY-MM-DD or a condition text (${trigger.reason})` });
});

/** A non-empty list of evidence ids, each once. */
export const evidenceList = z
  .array(recordId, { error: 'a list of evidence ids' })
  .min(1, { error: 'a non-empty list of evidence ids' })
  .refine((ids) => new Set(ids).size === ids.length, { error: 'a list of evidence ids, each once' });

/** A non-empty list of single lines. */
export const lineList = z.array(line, { error: 'a list of texts' }).min(1, { error: 'a non-empty list of texts' });

export const datePattern = /^\d{4}-\d{2}-\d{2}$/;
