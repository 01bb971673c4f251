// "Today" for date gates: PACKET_TODAY (YYYY-MM-DD), else SOURCE_DATE_EPOCH (seconds), else the
// clock; always as a UTC date, so the result does not depend on TZ.
import { isCalendarDate } from '../schemas/shared.ts';

export function resolveToday(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const explicit = env.PACKET_TODAY?.trim();
  if (explicit) {
    if (!isCalendarDate(explicit)) throw new UsageError('PACKET_TODAY must be a date written YYYY-MM-DD.');
    return explicit;
  }
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (epoch) {
    if (!/^\d{1,12}$/.test(epoch)) throw new UsageError('SOURCE_DATE_EPOCH must be a whole number of seconds.');
    return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
  }
  return now.toISOString().slice(0, 10);
}

/** A mistake in how the tool was called or configured: exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
