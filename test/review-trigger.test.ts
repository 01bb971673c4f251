// A review trigger that reads as a date is judged as one or refused as malformed: never taken as
// a condition text (which is never overdue).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyReviewTrigger } from '../src/core/review-trigger.ts';
import { validate } from '../src/validate/validate.ts';
import { fixturesDir, makeContent } from './helpers/fixtures.ts';

describe('classifyReviewTrigger', () => {
  it('takes a real YYYY-MM-DD as a date', () => {
    expect(classifyReviewTrigger('2026-11-24')).toEqual({ kind: 'date', date: '2026-11-24' });
    expect(classifyReviewTrigger('2024-02-29')).toEqual({ kind: 'date', date: '2024-02-29' });
  });

  it('refuses a YYYY-MM-DD that is no calendar day', () => {
    for (const value of ['2023-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-01-00']) expect(classifyReviewTrigger(value).kind, value).toBe('malformed');
  });

  it('refuses every other form of a date or date-time as malformed', () => {
    const forms = [
      '2020-01-01T00:00:00Z',
      '2020-01-01T00:00:00.000+02:00',
      '2020-01-01 10:00',
      '2020-01-01t10:00z',
      ' 2020-01-01',
      '2020-01-01 ',
      '\u00a02020-01-01\u3000',
      '2020-01-01\u200b',
      '\ufeff2020-01-01',
      '２０２０-０１-０１',
      '2020-1-1',
      '2020/01/01',
      '2020.01.01',
      '01.01.2020',
      '1/1/2020',
      '31-12-20',
      '20200101',
      '2020-01',
      '2020-W01',
      '2020-001',
      '1 January 2020',
      'Jan 1, 2020',
      'January 2020',
      '',
      '   ',
    ];
    for (const value of forms) expect(classifyReviewTrigger(value), JSON.stringify(value)).toEqual({ kind: 'malformed', reason: expect.any(String) });
  });

  it('refuses a value that starts with a date and goes on: it is a date, never a condition', () => {
    const values = [
      '2020-01-01 or when the route changes',
      '2020-01-01, or on the next incident',
      '2020-01-01 (quarterly)',
      '2020-02-30 or later',
      '2020-01-015',
      '２０２０-０１-０１ or when the route changes',
      '2020/01/01 or when the route changes',
      '01.01.2020 or on the next incident',
    ];
    for (const value of values) {
      expect(classifyReviewTrigger(value), value).toEqual({ kind: 'malformed', reason: expect.stringContaining('date') });
    }
  });

  it('takes a condition text as a condition, also one that mentions a date', () => {
    for (const value of ['Review after the 2020-01-01 policy is replaced', 'On the next provider incident', 'When Stage 2 reruns', 'Q3 planning', '2020 budget review']) {
      expect(classifyReviewTrigger(value), value).toEqual({ kind: 'condition' });
    }
  });

  it('refuses a condition that starts with spaces or invisible characters', () => {
    for (const value of [' On incident', '\u00a0On incident', '\u200bOn incident']) expect(classifyReviewTrigger(value).kind, JSON.stringify(value)).toBe('malformed');
    expect(classifyReviewTrigger('On incident\n')).toEqual({ kind: 'condition' });
  });
});

describe('review_trigger in a decision record', () => {
  const decision = readFileSync(path.join(fixturesDir, 'DP403-review-overdue/decisions/alpha.yaml'), 'utf8');

  async function validateTrigger(yamlValue: string) {
    const content = makeContent('DP403-review-overdue');
    writeFileSync(path.join(content, 'decisions/alpha.yaml'), decision.replace('review_trigger: "2026-11-23"', `review_trigger: ${yamlValue}`));
    const result = await validate({ contentDir: content, cwd: path.dirname(content), today: '2026-11-24', env: {} });
    rmSync(path.dirname(content), { recursive: true, force: true });
    return result;
  }

  it('refuses a date-time, a padded date and other date forms with the field-value rule at the field (never as a condition that is never overdue)', async () => {
    for (const value of ['"2020-01-01T00:00:00Z"', '" 2020-01-01 "', '"2020-1-1"', '2020/01/01', '01.01.2020', '"2020-01-01\u00a0"']) {
      const result = await validateTrigger(value);
      expect(result.ok, value).toBe(false);
      expect(result.issues, value).toEqual([expect.objectContaining({ ruleId: 'DP204', line: 13, field: 'review_trigger', message: expect.stringContaining('YYYY-MM-DD') })]);
      expect(result.issues[0]!.message).not.toContain('2020');
    }
  });

  it('refuses a past date followed by text with the field-value rule at the field, saying to write the date alone', async () => {
    const result = await validateTrigger('"2020-01-01 or when the route changes"');
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({ ruleId: 'DP204', line: 13, field: 'review_trigger', message: expect.stringContaining('starts with a date followed by more text') }),
    ]);
    expect(result.issues[0]!.message).not.toContain('2020');
  });

  it('refuses a condition text holding a line break of any kind as pasted output (DP503)', async () => {
    for (const escape of ['\\L', '\\P', '\\N']) {
      const result = await validateTrigger(`"On the next incident${escape}or audit"`);
      expect(result.issues, escape).toEqual([expect.objectContaining({ ruleId: 'DP503', line: 13, field: 'review_trigger' })]);
    }
  });

  it('still judges a canonical date (DP403) and accepts a condition text', async () => {
    expect((await validateTrigger('"2026-11-23"')).issues).toEqual([expect.objectContaining({ ruleId: 'DP403', field: 'review_trigger' })]);
    expect((await validateTrigger('"2026-11-24"')).issues).toEqual([]);
    expect((await validateTrigger('On the next provider incident')).issues).toEqual([]);
  });
});
