// What a review trigger is: a date (YYYY-MM-DD, a real calendar day), a condition text, or
// malformed. A value that reads as a date in any other form (a date-time, surrounding spaces,
// `2020-1-1`, `2020/01/01`, `01.01.2020`, `20200101`, full-width digits, a month name), or that
// starts with YYYY-MM-DD and goes on (`2020-01-01 or when the route changes`), is malformed, never
// a condition: a condition text is never overdue, so taking a date for one
// would let an overdue review pass. Pure, no dependencies: the schema and the gate share it.

export type ReviewTrigger = { kind: 'date'; date: string } | { kind: 'condition' } | { kind: 'malformed'; reason: string };

const canonicalDate = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A value that starts with a date: YYYY-MM-DD (whatever follows), or another numeric date form before a non-digit. */
const datePrefix = /^(?:\d{4}-\d{2}-\d{2}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}(?!\d))/;

const months = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

/** Forms that read as a date (or a date and time) but are not YYYY-MM-DD. Anchored, linear. */
const dateLikeForms: readonly RegExp[] = [
  // ISO date-time, a date and a time: 2020-01-01T00:00:00Z, 2020-01-01 10:00, 2020-1-1T1:00+01:00
  /^\d{4}-\d{1,2}-\d{1,2}(?:[Tt ]+\d{1,2}(?::\d{1,2}){0,2}(?:[.,]\d+)?)?[ ]*(?:[Zz]|[+-]\d{1,2}(?::?\d{2})?|UTC|GMT)?$/,
  // year first with other separators or unpadded: 2020/01/01, 2020.1.1, 2020_01_01
  /^\d{4}[/._ ]\d{1,2}[/._ ]\d{1,2}$/,
  // day or month first: 01.01.2020, 1/1/2020, 31-12-20
  /^\d{1,2}[-/._ ]\d{1,2}[-/._ ]\d{2,4}$/,
  // compact and partial ISO forms: 20200101, 2020-01, 2020-W01-1, 2020-001
  /^\d{8}$/,
  /^\d{4}-\d{1,2}$/,
  /^\d{4}-?W\d{2}(?:-?\d)?$/i,
  /^\d{4}-\d{3}$/,
  // month names: 1 January 2020, Jan 1, 2020, January 2020
  new RegExp(`^(?:\\d{1,2}(?:st|nd|rd|th)?\\.?\\s+)?(?:${months})\\.?(?:\\s+\\d{1,2}(?:st|nd|rd|th)?,?)?\\s+\\d{4}$`, 'i'),
];

// Spaces and invisible characters around or inside a value that would make a date look like
// something else: every Unicode space (JavaScript's \s, which YAML does not strip) and format
// characters (soft hyphen, zero-width space and joiners, BOM).
const surroundingSpace = /^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu;
const formatCharacters = /\p{Cf}/gu;

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/** Classifies a review_trigger value. */
export function classifyReviewTrigger(value: string): ReviewTrigger {
  const exact = canonicalDate.exec(value);
  if (exact) {
    return isRealDate(Number(exact[1]), Number(exact[2]), Number(exact[3]))
      ? { kind: 'date', date: value }
      : { kind: 'malformed', reason: 'it is written YYYY-MM-DD but is not a real calendar date' };
  }
  // What the value reads as once spaces, invisible characters and full-width forms are ignored.
  const core = value.normalize('NFKC').replace(surroundingSpace, '').replace(formatCharacters, '');
  if (core === '') return { kind: 'malformed', reason: 'it is empty or only spaces' };
  if (canonicalDate.test(core)) {
    return { kind: 'malformed', reason: 'it is a date with spaces, invisible characters or full-width digits around or in it; write it as YYYY-MM-DD alone' };
  }
  if (core.length <= 64 && dateLikeForms.some((form) => form.test(core))) {
    return { kind: 'malformed', reason: 'it reads as a date or a date and time in another form; write the date as YYYY-MM-DD, or write a condition text' };
  }
  // A value that starts with a date is a date: text after it would make a past date a condition.
  if (datePrefix.test(core)) {
    return { kind: 'malformed', reason: 'it starts with a date followed by more text; write the date alone as YYYY-MM-DD, or a condition text that does not start with a date' };
  }
  // A condition text starts with a visible character (trailing lines are DP503's: pasted output).
  if (/^[\s\p{Cf}]/u.test(value)) return { kind: 'malformed', reason: 'it starts with spaces or invisible characters' };
  return { kind: 'condition' };
}
