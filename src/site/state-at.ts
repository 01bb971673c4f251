// "What did this packet say at the commit a review linked to?", answered on the packet page:
// `/packets/<id>/?at=<commit>` (or `#at-<commit>`) shows a banner with the state the record held
// at that commit, read from the page's own history list (each entry `#at-<full commit>`, built
// from git at build time: no network, and the list itself is the answer without JavaScript).
// Only commits that changed the record are listed, newest first, at most `maxStatesAt`; any other
// commit is said to be outside the recorded history (the page cannot place it), never guessed.
// Pure: the page's script and the tests share it.

/** The newest commits of a record's history that carry an `#at-<commit>` anchor. */
export const maxStatesAt = 100;

export interface StateAtEntry {
  commit: string;
  /** ISO date of the commit (UTC). */
  date: string;
  /** The state the record held in that version; absent when that version held none (deleted, unreadable). */
  state?: string;
  label?: string;
  recordUrl?: string;
}

export type StateAtLookup = { kind: 'found'; entry: StateAtEntry } | { kind: 'unknown'; commit: string } | { kind: 'not-a-commit' };

const commitPrefix = /^[0-9a-f]{7,64}$/;

/** The anchor of a commit in the history list. */
export function stateAtAnchor(commit: string): string {
  return `at-${commit}`;
}

/** The entry for a commit given in full or by a unique prefix of at least 7 hex digits. */
export function findStateAt(entries: readonly StateAtEntry[], asked: string): StateAtLookup {
  const commit = asked.trim().toLowerCase();
  if (!commitPrefix.test(commit)) return { kind: 'not-a-commit' };
  const matches = entries.filter((entry) => entry.commit.startsWith(commit));
  // Two recorded commits sharing the prefix: the page cannot tell which was meant.
  return matches.length === 1 ? { kind: 'found', entry: matches[0]! } : { kind: 'unknown', commit };
}

export interface StateAtPacket {
  id: string;
  state: string;
  label: string;
  /** How many commits the page's list holds, and how many changed the record in all. */
  listed: number;
  total: number;
}

/** The banner's sentence. Names only a validated commit id and the page's own data. */
export function stateAtText(packet: StateAtPacket, lookup: StateAtLookup): string {
  const today = `today it is ${describe(packet.state, packet.label)}`;
  if (lookup.kind === 'not-a-commit') {
    return 'The "at" parameter is not a commit id (7 to 64 hexadecimal digits); this page shows the packet today.';
  }
  if (lookup.kind === 'unknown') {
    const scope =
      packet.listed < packet.total
        ? `the ${packet.listed} most recent of the ${packet.total} commits that changed its record`
        : 'the commits that changed its record';
    return (
      `Commit ${lookup.commit.slice(0, 12)} is not in this packet's recorded history (${scope}), ` +
      `so this page cannot say what the packet was then; ${today}. ` +
      `Run decision-packet explain ${packet.id} --as-of ${lookup.commit} for its state at that commit.`
    );
  }
  const { entry } = lookup;
  const then =
    entry.state === undefined
      ? 'in no readable state (the record was removed or unreadable)'
      : `in state ${describe(entry.state, entry.label)}`;
  return `At commit ${entry.commit.slice(0, 12)} (${entry.date.slice(0, 10)}) this packet was ${then}; ${today}.`;
}

function describe(state: string, label: string | undefined): string {
  return label && label !== state ? `${state} (${label})` : state;
}
