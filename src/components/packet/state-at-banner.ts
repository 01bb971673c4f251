// The packet page's answer to `?at=<commit>` (or `#at-<commit>`): a banner saying what state the
// packet held at that commit, read from the page's own history list (src/site/state-at.ts).
// Without JavaScript the anchored list entry is the answer.
import { findStateAt, stateAtText, type StateAtEntry } from '../../site/state-at.ts';

function askedCommit(): string | undefined {
  const query = new URLSearchParams(window.location.search).get('at');
  if (query !== null) return query;
  const hash = decodeURIComponent(window.location.hash.slice(1));
  return hash.startsWith('at-') ? hash.slice(3) : undefined;
}

export function showStateAt(): void {
  const banner = document.querySelector<HTMLElement>('#state-at');
  const asked = askedCommit();
  if (!banner || asked === undefined) return;
  const entries: StateAtEntry[] = [...document.querySelectorAll<HTMLElement>('li[data-commit]')].map((item) => ({
    commit: item.dataset.commit ?? '',
    date: item.dataset.date ?? '',
    state: item.dataset.state,
    label: item.dataset.label,
    recordUrl: item.dataset.recordUrl,
  }));
  const { packet = '', state = '', label = '', total = '0' } = banner.dataset;
  const lookup = findStateAt(entries, asked);
  banner.querySelector('.state-at-text')!.textContent = stateAtText(
    { id: packet, state, label, listed: entries.length, total: Number(total) },
    lookup,
  );
  const record = banner.querySelector<HTMLAnchorElement>('.state-at-record');
  if (record && lookup.kind === 'found' && lookup.entry.recordUrl) {
    record.href = lookup.entry.recordUrl;
    record.hidden = false;
  }
  banner.hidden = false;
}
