// The packet page's `?at=<commit>` answer (src/site/state-at.ts): the state at a recorded commit,
// an honest "not in this packet's recorded history" for any other, nothing echoed that is not a commit id.
import { describe, expect, it } from 'vitest';
import { findStateAt, stateAtText, type StateAtEntry } from '../src/site/state-at.ts';

const newer = 'b'.repeat(40);
const older = 'a1'.repeat(20);
const entries: StateAtEntry[] = [
  {
    commit: newer,
    date: '2026-03-10T12:00:00Z',
    state: 'superseded',
    label: 'Superseded',
    recordUrl: 'https://git.example.test/r/blob/b/x.md',
  },
  { commit: older, date: '2026-01-10T12:00:00Z', state: 'accepted', label: 'Accepted' },
];
const packet = { id: 'adr-0001', state: 'superseded', label: 'Superseded', listed: 2, total: 2 };

describe('the packet page as of a commit', () => {
  it('says what state the packet held at a recorded commit, by full id or unique prefix, and what it is today', () => {
    const lookup = findStateAt(entries, older.slice(0, 7).toUpperCase());
    expect(lookup).toEqual({ kind: 'found', entry: entries[1] });
    expect(stateAtText(packet, lookup)).toBe(
      'At commit a1a1a1a1a1a1 (2026-01-10) this packet was in state accepted (Accepted); today it is superseded (Superseded).',
    );
    expect(findStateAt(entries, newer)).toMatchObject({ kind: 'found', entry: { recordUrl: entries[0]!.recordUrl } });
  });

  it('says a commit outside the recorded history is not in it, and points to explain', () => {
    const unknown = 'c'.repeat(40);
    const text = stateAtText({ ...packet, listed: 2, total: 130 }, findStateAt(entries, unknown));
    expect(text).toContain(
      "Commit cccccccccccc is not in this packet's recorded history (the 2 most recent of the 130 commits that changed its record)",
    );
    expect(text).toContain(`decision-packet explain adr-0001 --as-of ${unknown}`);
    expect(text).toContain('today it is superseded (Superseded)');
  });

  it('echoes nothing that is not a commit id', () => {
    for (const asked of ['<script>', 'main', 'abc', 'a'.repeat(65)]) {
      const text = stateAtText(packet, findStateAt(entries, asked));
      expect(text).toBe('The "at" parameter is not a commit id (7 to 64 hexadecimal digits); this page shows the packet today.');
    }
  });
});
