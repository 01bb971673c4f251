// A state's colour family: the safe state has its own; the others take one of four by their
// position among the kind's other states (PacketView.tone: 'safe', '1', '2', …). Colour is never
// the only signal: the label is always written.
export type StateTone = 'safe' | 'tone-0' | 'tone-1' | 'tone-2' | 'tone-3';

export function stateTone(tone: string): StateTone {
  if (tone === 'safe') return 'safe';
  const position = Number(tone);
  return `tone-${Number.isInteger(position) && position > 0 ? (position - 1) % 4 : 0}` as StateTone;
}

/** Whole days from `today` to `date` (both YYYY-MM-DD), or undefined when `date` is not a date. */
export function daysUntil(date: string, today: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{4}-\d{2}-\d{2}$/.test(today)) return undefined;
  const ms = Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : Math.round(ms / 86_400_000);
}
